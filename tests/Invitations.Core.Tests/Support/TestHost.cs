using Invitations.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Core.Tests.Support;

/// <summary>A fully wired library on in-memory defaults with a fake clock and a captured log.</summary>
public sealed class TestHost : IDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 5, 14, 30);
    public const string LoginUri = "https://app.example.com/login";
    public const string RedirectUri = "https://app.example.com/welcome";

    private readonly ServiceProvider _provider;

    public TestHost(Action<InvitationsOptions>? configure = null, Action<InvitationsBuilder>? adapters = null)
    {
        Clock = new FakeClock(Start);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IClock>(Clock);
        var builder = services.AddInvitations(o =>
        {
            o.Defaults.AccountName = "Acme";
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = LoginUri };
            o.Links.Clients["web"].AllowedRedirectLinks.Add(RedirectUri);
            configure?.Invoke(o);
        });
        adapters?.Invoke(builder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Manager = _provider.GetRequiredService<IInvitationManager>();
        Redemption = _provider.GetRequiredService<IInvitationRedemption>();
        Bulk = _provider.GetRequiredService<IBulkInvitations>();
        Automatic = _provider.GetRequiredService<IAutomaticInvitations>();
        Erasure = _provider.GetRequiredService<IInvitationErasure>();
        Maintenance = _provider.GetRequiredService<InvitationMaintenance>();
    }

    public FakeClock Clock { get; }

    public FakeLogCollector Logs { get; } = new();

    /// <summary>The administrator's service.</summary>
    public IInvitationManager Manager { get; }

    /// <summary>The token holder's service.</summary>
    public IInvitationRedemption Redemption { get; }

    public IBulkInvitations Bulk { get; }

    public IAutomaticInvitations Automatic { get; }

    public IInvitationErasure Erasure { get; }

    /// <summary>The expiry sweep and retention purge the hosted service runs (internal).</summary>
    internal InvitationMaintenance Maintenance { get; }

    public IServiceProvider Services => _provider;

    public IInvitationStore Store => _provider.GetRequiredService<IInvitationStore>();

    public InMemoryInvitationStore MemoryStore => (InMemoryInvitationStore)Store;

    public InMemoryMessageSender Sender => _provider.GetServices<IMessageSender>().OfType<InMemoryMessageSender>().Single();

    public InMemoryWebhookSink Sink => (InMemoryWebhookSink)_provider.GetRequiredService<IWebhookSink>();

    public static InvitationActor Admin { get; } = InvitationActor.Admin("admin-1", "Ada Admin");

    public static InviteRequest Request(string email = "jane.doe@example.com") => new()
    {
        Inviter = Admin,
        Email = email,
        GivenName = "Jane",
        FamilyName = "Doe",
        Groups = ["staff"],
        Roles = ["editor"],
        CustomFields = new Dictionary<string, string> { ["department"] = "R&D" },
    };

    public async Task<InviteResult> InviteAsync(InviteRequest? request = null)
    {
        var result = await Manager.InviteAsync(request ?? Request());
        result.IsSuccess.Should().BeTrue(result.Error?.ToString());
        return result.Value;
    }

    public static string TokenOf(string link)
    {
        var query = new Uri(link).Query.TrimStart('?').Split('&');
        return query.Single(p => p.StartsWith("invite_token=", StringComparison.Ordinal))["invite_token=".Length..];
    }

    public void Dispose() => _provider.Dispose();
}
