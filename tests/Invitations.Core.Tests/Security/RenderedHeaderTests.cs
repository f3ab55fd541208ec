using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.Security;

/// <summary>
/// Issue 13 finding 8: encoded words assembled from two fields, or inside a recipient's local part, reached
/// <see cref="IMessageSender"/> and decode to CR LF. Core refuses them after rendering; nothing is written.
/// </summary>
public sealed class RenderedHeaderTests
{
    [Fact]
    public async Task Given_and_family_name_that_assemble_an_encoded_word_in_the_recipients_name_are_refused()
    {
        using var host = new TestHost();
        var request = TestHost.Request() with { GivenName = "=?utf-8?Q?Jane=0D=0A", FamilyName = "Bcc:_x@evil.example?=" };

        var result = await host.Manager.InviteAsync(request);

        result.IsSuccess.Should().BeFalse("the To display name would decode to a line break");
        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        result.Error.Field.Should().Be("given_name");
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task A_template_subject_joining_two_fields_into_an_encoded_word_is_refused()
    {
        using var host = new TestHost(o => o.Templates.Definitions.Add(TemplateDefinition.FromStrings(
            "JOINED", MessageChannel.Email, null, "{{ given_name }}{{ family_name }}", "<p>{{ link }}</p>", "{{ link }}")));
        var request = TestHost.Request() with
        {
            TemplateKey = "JOINED",
            GivenName = "=?utf-8?Q?Hi=0D=0A",
            FamilyName = "Bcc:_x@evil.example?=",
        };

        var result = await host.Manager.InviteAsync(request);

        result.IsSuccess.Should().BeFalse();
        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task A_recipient_whose_local_part_is_an_encoded_word_is_refused()
    {
        using var host = new TestHost();

        var result = await host.Manager.InviteAsync(TestHost.Request("=?utf-8?Q?=0D=0ABcc=3A_x?=@example.com"));

        result.IsSuccess.Should().BeFalse();
        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        result.Error.Field.Should().Be("email");
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task Ordinary_names_with_equals_and_question_marks_are_still_invited()
    {
        using var host = new TestHost();

        var invited = await host.Manager.InviteAsync(TestHost.Request() with { GivenName = "Jane=?", FamilyName = "Doe" });

        invited.IsSuccess.Should().BeTrue(invited.Error?.ToString());
        host.Sender.Sent.Should().ContainSingle();
    }

    private static void AssertNothingWritten(TestHost host)
    {
        host.MemoryStore.Count.Should().Be(0);
        host.MemoryStore.SnapshotOutbox().Should().BeEmpty();
        host.Sender.Sent.Should().BeEmpty();
    }
}
