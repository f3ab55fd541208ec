using CsCheck;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.Core.Tests.Fuzzing;

/// <summary>The search cursor: anything not returned by a previous page is <c>field_invalid</c>, never an exception.</summary>
public sealed class CursorFuzzTests
{
    private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public async Task A_hostile_cursor_is_a_page_or_field_invalid()
    {
        var services = new ServiceCollection();
        services.AddInvitations(o => o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" });
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<IInvitationManager>();
        foreach (var email in new[] { "a@example.com", "b@example.com" })
        {
            (await service.InviteAsync(
                new InviteRequest { Inviter = InvitationActor.Admin("admin-1", "Ada"), Email = email, GivenName = "A", FamilyName = "B" },
                CancellationToken.None)).IsSuccess.Should().BeTrue();
        }

        var valid = (await service.FindAsync(new InvitationSearch { PageSize = 1 })).Value.NextCursor!;

        // 32 characters of the cursor alphabet decode to 24 bytes: any timestamp and id, including out-of-range instants.
        var cursors = Gen.Frequency(
            (3, HostileText.Text),
            (4, HostileText.NearMiss(valid)),
            (3, Gen.String[Gen.Char[Base64Url], 32, 32]),
            (1, Gen.String[Gen.Char[Base64Url + "+/= "], 30, 34]));

        await cursors.SampleAsync(async cursor =>
        {
            var page = await service.FindAsync(new InvitationSearch { Cursor = cursor, PageSize = 5 }, CancellationToken.None);
            if (!page.IsSuccess)
            {
                page.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
                page.Error.Field.Should().Be("cursor");
            }
        }, iter: 5_000);
    }
}
