using Microsoft.Extensions.Options;
using MimeKit;

namespace Invitations.MailKit.Tests;

public sealed class PickupDirectoryMessageSenderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private PickupDirectoryMessageSender Sender() => new(Options.Create(new PickupDirectoryOptions
    {
        Directory = _directory,
        FromAddress = "invitations@acme.example",
    }));

    [Fact]
    public async Task Writes_one_eml_file_named_after_the_message_id_that_parses_back()
    {
        var sender = Sender();
        var message = TestMessages.Email();

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.IsDelivered.Should().BeTrue();
        var path = Path.Combine(_directory, message.MessageId + ".eml");
        Directory.GetFiles(_directory).Should().Equal(path);
        var mime = await MimeMessage.LoadAsync(path);
        mime.MessageId.Should().Be($"{message.MessageId}@acme.example");
        mime.Subject.Should().Be(message.Subject);
        mime.From.Mailboxes.Single().Address.Should().Be("invitations@acme.example");
        mime.TextBody.Should().Contain(TestMessages.Link);
        mime.HtmlBody.Should().Contain(TestMessages.Link);
        File.ReadAllBytes(path).Should().OnlyContain(b => b < 128, "the file is prepared as 7-bit MIME");
    }

    [Fact]
    public async Task The_date_header_comes_from_the_injected_clock()
    {
        var now = new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var sender = new PickupDirectoryMessageSender(
            Options.Create(new PickupDirectoryOptions { Directory = _directory, FromAddress = "invitations@acme.example" }),
            timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));
        var message = TestMessages.Email();

        await sender.SendAsync(message, CancellationToken.None);

        (await MimeMessage.LoadAsync(sender.GetFilePath(message.MessageId))).Date.Should().Be(now);
    }

    [Fact]
    public async Task Sending_the_same_message_id_twice_keeps_one_file()
    {
        var sender = Sender();
        var message = TestMessages.Email();

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message with { Subject = "second attempt" }, CancellationToken.None);

        Directory.GetFiles(_directory).Should().ContainSingle();
        (await MimeMessage.LoadAsync(sender.GetFilePath(message.MessageId))).Subject.Should().Be("second attempt");
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/tmp/evil")]
    [InlineData("a b:c")]
    [InlineData(".hidden")]
    public async Task A_message_id_unsafe_as_a_file_name_becomes_a_hash_inside_the_directory(string messageId)
    {
        var sender = Sender();

        (await sender.SendAsync(TestMessages.Email(messageId), CancellationToken.None)).IsDelivered.Should().BeTrue();

        var file = Directory.GetFiles(_directory).Should().ContainSingle().Subject;
        Path.GetFileName(file).Should().MatchRegex("^h[0-9a-f]{64}\\.eml$");
        sender.GetFilePath(messageId).Should().Be(file);
    }

    [Fact]
    public async Task Refuses_header_injection_like_the_smtp_sender()
    {
        var sender = Sender();

        var result = await sender.SendAsync(TestMessages.Email() with { Subject = "a\r\nBcc: x@evil.example" }, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        Directory.Exists(_directory).Should().BeFalse();
    }

    [Fact]
    public void Rejects_an_empty_directory()
    {
        var act = () => new PickupDirectoryMessageSender(Options.Create(new PickupDirectoryOptions()));

        act.Should().Throw<OptionsValidationException>().WithMessage("*Directory*");
    }
}
