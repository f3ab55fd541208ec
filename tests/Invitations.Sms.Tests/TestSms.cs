using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Invitations.Sms.Tests;

internal static class TestSms
{
    public const string Link = "https://app.example.com/i/Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";

    public static OutgoingMessage Message(string? text = null, string to = "+41791234567") => new()
    {
        MessageId = "sms-" + Guid.NewGuid().ToString("N"),
        InvitationId = new InvitationId(Guid.CreateVersion7()),
        Channel = MessageChannel.Sms,
        To = to,
        Subject = "",
        TextBody = text ?? $"Acme: Jane invited you. Register: {Link}",
        Locale = "de",
        TemplateKey = "INVITE_USER",
    };

    /// <summary>Builds the sender through UseHttpSms, exactly as a host would, with an X-Test-Id header.</summary>
    public static (HttpSmsSender Sender, ServiceProvider Provider, string TestId) Create(
        Uri endpoint, Action<HttpSmsOptions>? configure = null, ILoggerProvider? logs = null, TimeProvider? time = null)
    {
        var testId = Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        new InvitationsBuilder(services).UseHttpSms(o =>
        {
            o.Endpoint = endpoint;
            o.Headers["X-Test-Id"] = testId;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        var sender = provider.GetServices<IMessageSender>().OfType<HttpSmsSender>().Single();
        return (sender, provider, testId);
    }
}

/// <summary>A clock standing still at one instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
