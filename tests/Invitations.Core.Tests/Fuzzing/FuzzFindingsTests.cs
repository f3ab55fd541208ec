using System.Buffers.Binary;
using Invitations.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.Core.Tests.Fuzzing;

/// <summary>
/// What the fuzz tests found, pinned as plain facts (not theory rows: xUnit's serialization of theory rows replaces
/// lone surrogates, which would make such a row test something else).
/// </summary>
public sealed class FuzzFindingsTests
{
    [Fact]
    public void An_email_with_a_lone_surrogate_and_no_at_sign_is_invalid_not_an_exception()
    {
        // Threw ArgumentException from string.IsNormalized before NFC moved inside the try.
        EmailAddressNormalizer.Normalize("jane.doe\uD800example.com").Should().BeNull();
        EmailAddressNormalizer.Normalize("\uDC00").Should().BeNull();
    }

    [Fact]
    public async Task A_cursor_naming_an_instant_outside_nodatimes_range_is_field_invalid()
    {
        var services = new ServiceCollection();
        services.AddInvitations(o => o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" });
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<IInvitationManager>();
        var bytes = new byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, long.MaxValue);
        Guid.CreateVersion7().TryWriteBytes(bytes.AsSpan(8));
        var cursor = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        // Threw ArgumentOutOfRangeException from Instant.FromUnixTimeTicks.
        var page = await service.FindAsync(new InvitationSearch { Cursor = cursor }, CancellationToken.None);

        page.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        page.Error.Field.Should().Be("cursor");
    }
}
