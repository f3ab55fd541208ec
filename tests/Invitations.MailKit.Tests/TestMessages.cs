using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Invitations.MailKit.Tests;

internal static class TestMessages
{
    public const string Link = "https://app.example.com/login?view_type=register&token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";

    public static OutgoingMessage Email(string? messageId = null, string to = "jane.doe@example.org") => new()
    {
        MessageId = messageId ?? NewId(),
        InvitationId = new InvitationId(Guid.CreateVersion7()),
        Channel = MessageChannel.Email,
        To = to,
        ToName = "Jane Doe",
        FromName = "Acme Portal",
        ReplyTo = "support@acme.example",
        Subject = "Einladung für Zoë zu Acme",
        TextBody = $"Hallo Jane,\n\nbitte registriere dich: {Link}\n\nDein Acme-Team",
        HtmlBody = $"<p>Hallo Jane,</p><p><a href=\"{Link}\">Jetzt registrieren</a></p>",
        Locale = "de-CH",
        TemplateKey = "INVITE_USER",
    };

    public static string NewId() => "msg-" + Guid.NewGuid().ToString("N");

    public static SmtpSenderOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        FromAddress = "invitations@acme.example",
        FromName = "Acme Invitations",
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static SmtpMessageSender Sender(int port, Action<SmtpSenderOptions>? configure = null, ILogger<SmtpMessageSender>? logger = null)
    {
        var options = Options(port);
        configure?.Invoke(options);
        return new SmtpMessageSender(Microsoft.Extensions.Options.Options.Create(options), logger);
    }
}
