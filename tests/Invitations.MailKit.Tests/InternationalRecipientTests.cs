namespace Invitations.MailKit.Tests;

/// <summary>
/// Core stores an internationalized domain as punycode (<c>jane@bücher.example</c> → <c>jane@xn--bcher-kva.example</c>);
/// MimeKit decodes it back to Unicode when it parses the address. The sender must deliver to the address as stored.
/// </summary>
public sealed class InternationalRecipientTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    [Theory]
    [InlineData("jane@xn--bcher-kva.example")]
    [InlineData("jane@mail.xn--mnchen-3ya.example")]
    [InlineData("Jane.Doe@XN--BCHER-KVA.example")]
    public async Task An_idn_recipient_stored_as_punycode_is_delivered_to_that_address(string to)
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email(to: to);

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.Delivered, result.Detail);
        server.EnvelopeRecipients(message.MessageId).Should().Equal([to], "RCPT TO carries the address exactly as stored");
        var (raw, _) = server.Single(message.MessageId);
        raw.Split("\r\n").Should().Contain(line => line.StartsWith("To:", StringComparison.Ordinal) && line.Contains(to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_idn_recipient_is_written_to_the_pickup_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "invitations-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sender = new PickupDirectoryMessageSender(Microsoft.Extensions.Options.Options.Create(new PickupDirectoryOptions { Directory = directory }));
            var message = TestMessages.Email(to: "jane@xn--bcher-kva.example");

            var result = await sender.SendAsync(message, CancellationToken.None);

            result.Status.Should().Be(DeliveryStatus.Delivered, result.Detail);
            File.ReadAllText(sender.GetFilePath(message.MessageId)).Should().Contain("jane@xn--bcher-kva.example");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
