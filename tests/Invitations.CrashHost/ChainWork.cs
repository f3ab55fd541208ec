namespace Invitations.CrashHost;

/// <summary>
/// One link of the crash chain: invite a few addresses (some to be accepted, some to stay pending, some whose mailbox
/// fails for good), accept every to-be-accepted invitation any earlier process of the chain was handed a link for,
/// then deliver until nothing is pending. Killed on its boundary, it leaves that work half done for the next process.
/// </summary>
internal static class ChainWork
{
    private static readonly string[] Kinds = ["acc", "keep", "doomed"];

    public static async Task RunAsync(ChildHost host, ChildArguments args)
    {
        var links = ChildHost.Log(args, "links");
        var accepts = ChildHost.Log(args, "accepts");
        for (var i = 0; i < args.Invites; i++)
        {
            var address = $"{Kinds[i % Kinds.Length]}.{args.Worker}.{i}@example.com";
            links.Write($"intent {address}");
            var result = await host.Manager.InviteAsync(new InviteRequest { Inviter = ChildHost.Admin, Email = address, GivenName = "Crash", Groups = ["staff"] });
            links.Write(result.IsSuccess
                ? $"invited {result.Value.Invitation.Id} {address} {TokenOf(result.Value.Link!)}"
                : $"answer {address} {result.Error!.Code}");
        }

        var done = Ledger.Accepted(args.Directory);
        foreach (var (id, address, token) in Ledger.Links(args.Directory))
        {
            if (!address.StartsWith("acc.", StringComparison.Ordinal) || done.Contains(id))
            {
                continue;
            }

            var accepted = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + id));
            accepts.Write(accepted.IsSuccess ? $"accepted {id}" : $"answer {id} {accepted.Error!.Code}");
        }
    }

    internal static string TokenOf(string link)
    {
        var query = new Uri(link).Query.TrimStart('?').Split('&');
        return Uri.UnescapeDataString(query.Single(p => p.StartsWith("invite_token=", StringComparison.Ordinal))["invite_token=".Length..]);
    }
}
