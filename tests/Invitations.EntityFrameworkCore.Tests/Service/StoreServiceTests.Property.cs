using CsCheck;

namespace Invitations.EntityFrameworkCore.Tests.Service;

public abstract partial class StoreServiceTests
{
    /// <summary>Characters a store chokes on (NUL and other controls, lone surrogates), separators of old keys, and plain text.</summary>
    private static readonly Gen<char> HostileChar = Gen.Frequency(
        (4, Gen.Char['a', 'z']),
        (1, Gen.Char['\0', '\u001f']),
        (1, Gen.Char['\uD800', '\uDFFF']),
        (1, Gen.Char["@.|+-_ :\u2028\u202E\u00e9\uFFFF"]),
        (1, Gen.Char['\u0080', '\uFFFF']));

    /// <summary>Mostly short strings, sometimes longer than every column.</summary>
    private static readonly Gen<string> HostileString = Gen.Frequency(
        (8, HostileChar.Array[0, 24].Select(c => new string(c))),
        (2, Gen.Int[120, 270].Select(n => new string('i', n))),
        (1, Gen.Int[250, 3000].Select(HostileChar, (n, c) => new string('a', n) + c)),
        (1, HostileChar.Array[0, 8].Select(c => new string(c) + "@example.com")),
        (2, HostileChar.Array[1, 8].Select(c => "jane@exa" + new string(c) + "mple.com")));

    /// <summary>
    /// Random strings, NUL, lone surrogates and over-long values included, through every public call that takes text:
    /// each returns a typed result, none throws, on every store. Bounded iterations keep it quick and the property
    /// holds for every seed (no threshold to cross).
    /// </summary>
    [SkippableFact]
    public async Task HostileStringsGetTypedResultsFromEveryCall()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var anchor = await host.Manager.InviteAsync(ServiceHost.Request(Unique("anchor") + "@example.com"));
        var id = anchor.Value.Invitation.Id;
        var gen = Gen.Select(HostileString, HostileString, HostileString, HostileString, HostileString, HostileString, Gen.Bool);

        await gen.SampleAsync(
            async sample =>
            {
                var (a, b, c, d, e, f, plainEmail) = sample;
                var email = plainEmail ? Unique("p") + "@example.com" : a;
                var request = new InviteRequest
                {
                    Inviter = InvitationActor.Admin(b.Length == 0 ? "x" : b, c),
                    Email = email,
                    GivenName = c,
                    FamilyName = d,
                    OrganizationId = e,
                    Groups = [f],
                    Roles = [d],
                    CustomFields = new Dictionary<string, string> { ["k"] = f },
                    Locale = plainEmail ? null : e,
                    TimeZone = plainEmail ? null : f,
                    IdempotencyKey = plainEmail ? null : d,
                    Branding = new InvitationBranding { Subject = d, FromName = e, HeaderImage = plainEmail ? null : "https://cdn.example.com/" + f },
                };
                var invited = await host.Manager.InviteAsync(request);
                if (invited.IsSuccess)
                {
                    var token = ServiceHost.TokenOf(invited.Value.Link!);
                    _ = await host.Redemption.AcceptAsync(token, new AcceptRequest(a.Length == 0 ? "s" : a) { Email = b });
                }

                _ = await host.Manager.FindAsync(new InvitationSearch { Email = a });
                _ = await host.Manager.FindAsync(new InvitationSearch { InvitedBy = b, OrganizationId = e });
                _ = await host.Manager.FindAsync(new InvitationSearch { Cursor = c });
                _ = await host.Redemption.AcceptAsync(a, new AcceptRequest(d.Length == 0 ? "s" : d) { Email = e });
                _ = await host.Redemption.PreviewAsync(b);
                _ = await host.Redemption.RejectAsync(c);
                _ = await host.Manager.ResendAsync(id, InvitationActor.Admin(d.Length == 0 ? "x" : d, e));
                _ = await host.Manager.RevokeAsync(new InvitationId(Guid.NewGuid()), InvitationActor.Admin(f.Length == 0 ? "x" : f));
                _ = await host.Erasure.EraseAsync(a);
                _ = await host.Erasure.EraseAsync(f.Length == 0 ? "+" : "+41" + f);
            },
            iter: IsRelational ? 150 : 600,
            threads: 1);
    }
}
