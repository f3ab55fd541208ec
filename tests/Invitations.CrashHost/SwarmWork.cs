namespace Invitations.CrashHost;

/// <summary>
/// One of several processes started at once on one database: invites its own addresses and the shared ones every
/// process invites (duplicates race: one invitation, resent by the others), waits until every process has invited,
/// then tries every link any process was handed for the invitations to accept (processes race accepts of the same
/// invitations), and delivers until nothing is pending.
/// </summary>
internal static class SwarmWork
{
    public static async Task RunAsync(ChildHost host, ChildArguments args)
    {
        var links = ChildHost.Log(args, "links");
        var accepts = ChildHost.Log(args, "accepts");
        var addresses = Enumerable.Range(0, args.Invites).Select(i => $"{(i % 2 == 0 ? "acc" : "keep")}.own.{args.Worker}.{i}@example.com")
            .Concat(Enumerable.Range(0, args.Shared).Select(i => $"{(i % 2 == 0 ? "acc" : "keep")}.shared.{i}@example.com"))
            .OrderBy(a => a.GetHashCode(StringComparison.Ordinal)) // a different order in each process (string hashes are randomized per process)
            .ToList();
        await Parallel.ForEachAsync(addresses, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (address, ct) =>
        {
            var result = await host.Manager.InviteAsync(new InviteRequest { Inviter = ChildHost.Admin, Email = address, GivenName = "Swarm", Groups = ["staff"] }, ct);
            links.Write(result.IsSuccess
                ? $"invited {result.Value.Invitation.Id} {address} {ChainWork.TokenOf(result.Value.Link!)}"
                : $"answer {address} {result.Error!.Code}");
        });

        Console.Out.WriteLine("INVITED");
        File.WriteAllText(Path.Combine(args.Directory, $"invited.{args.Worker}"), "");
        var until = DateTime.UtcNow.AddSeconds(90);
        while (Directory.EnumerateFiles(args.Directory, "invited.*").Count() < args.Workers)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("the other processes did not finish inviting");
            }

            await Task.Delay(20);
        }

        Console.Out.WriteLine("ALL INVITED");
        var targets = Ledger.Links(args.Directory).Where(l => l.Address.StartsWith("acc.", StringComparison.Ordinal)).GroupBy(l => l.Id).ToList();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (invitation, ct) =>
        {
            // Every link this invitation ever had, newest last: the older ones were rotated by a duplicate invite's resend.
            foreach (var (id, _, token) in invitation.Reverse())
            {
                var accepted = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + args.Worker), ct);
                accepts.Write(accepted.IsSuccess ? $"accepted {id}" : $"answer {id} {accepted.Error!.Code}");
                if (accepted.IsSuccess || accepted.Error!.Code == InvitationErrorCodes.InvitationAlreadyAccepted)
                {
                    break;
                }
            }
        });
    }
}
