using MimeKit;

namespace Invitations.MailKit.Tests;

/// <summary>
/// Issue 13 finding 6: a request's branding <c>fromName</c> reached the From header
/// (<c>From: "Acme Security Team &lt;security@bank.example&gt;" &lt;invitations@…&gt;</c>). The configured sender
/// identity wins unless the host allows the message's, and even then an address-like name is not shown.
/// </summary>
public sealed class SenderIdentityTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    private const string Spoof = "Acme Security Team <security@bank.example>";

    [Fact]
    public async Task By_default_a_messages_from_name_and_reply_to_are_ignored_for_the_configured_ones()
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.ReplyTo = "help@acme.example");
        var message = TestMessages.Email() with { FromName = Spoof, ReplyTo = "attacker@evil.example" };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (raw, mime) = server.Single(message.MessageId);
        mime.From.Mailboxes.Should().ContainSingle().Which.Should().Match<MailboxAddress>(m => m.Name == "Acme Invitations" && m.Address == "invitations@acme.example");
        mime.ReplyTo.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("help@acme.example");
        raw.Should().NotContain("bank.example").And.NotContain("evil.example");
    }

    [Fact]
    public async Task By_default_a_message_without_a_configured_name_shows_the_bare_address()
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.FromName = null);
        var message = TestMessages.Email() with { FromName = Spoof };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (_, mime) = server.Single(message.MessageId);
        mime.From.Mailboxes.Single().Name.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task When_the_host_allows_it_the_messages_from_name_and_reply_to_are_used()
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.AllowMessageOverrides = MailSenderOverrides.FromName | MailSenderOverrides.ReplyTo);
        var message = TestMessages.Email() with { FromName = "Acme Support (Zürich)", ReplyTo = "support@acme.example" };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (_, mime) = server.Single(message.MessageId);
        mime.From.Mailboxes.Single().Name.Should().Be("Acme Support (Zürich)");
        mime.ReplyTo.Mailboxes.Single().Address.Should().Be("support@acme.example");
    }

    [Theory]
    [InlineData(Spoof)]
    [InlineData("security@bank.example")]
    [InlineData("Bank \uFF1Csecurity\uFF20bank.example\uFF1E")]
    [InlineData("Bank security\uFE6Bbank.example")]
    public async Task Even_when_allowed_a_name_that_looks_like_an_address_is_replaced_by_the_configured_one(string fromName)
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.AllowMessageOverrides = MailSenderOverrides.FromName);
        var message = TestMessages.Email() with { FromName = fromName };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (raw, mime) = server.Single(message.MessageId);
        mime.From.Mailboxes.Single().Name.Should().Be("Acme Invitations");
        raw.Should().NotContain("bank.example");
    }

    [Fact]
    public async Task Reply_to_stays_the_configured_one_when_only_the_from_name_is_allowed()
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.AllowMessageOverrides = MailSenderOverrides.FromName);
        var message = TestMessages.Email() with { ReplyTo = "attacker@evil.example" };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (_, mime) = server.Single(message.MessageId);
        mime.ReplyTo.Mailboxes.Should().BeEmpty();
    }

    [Fact]
    public void An_undefined_overrides_value_fails_validation()
    {
        var options = TestMessages.Options(25);
        options.AllowMessageOverrides = (MailSenderOverrides)8;

        var act = () => new SmtpMessageSender(Microsoft.Extensions.Options.Options.Create(options));

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*AllowMessageOverrides*");
    }
}
