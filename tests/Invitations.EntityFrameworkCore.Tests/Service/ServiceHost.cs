using Invitations.InMemory;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>The whole library (services, dispatcher, in-memory sender) over one store, with a fake clock and a captured log (EF Core's included).</summary>
public sealed class ServiceHost : IDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2031, 5, 1, 9, 0);
    public const string LoginUri = "https://app.example.com/login";

    private readonly ServiceProvider _provider;

    /// <summary>A host on <paramref name="database"/> whose statements go to <paramref name="log"/>.</summary>
    public static ServiceHost LoggingStatements(StoreDatabase database, Statements.StatementLog log)
    {
        var configure = database.Configure!;
        return new ServiceHost(o =>
        {
            configure(o);
            o.AddInterceptors(log);
        });
    }

    /// <param name="database">The EF Core database to run on, or null for the in-memory store.</param>
    /// <param name="configure">Changes to the options.</param>
    /// <param name="adapters">More adapters (a sender).</param>
    public ServiceHost(Action<DbContextOptionsBuilder>? database, Action<InvitationsOptions>? configure = null, Action<InvitationsBuilder>? adapters = null)
    {
        Clock = new FakeClock(Start);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IClock>(Clock);
        var builder = services.AddInvitations(o =>
        {
            o.Defaults.AccountName = "Acme";
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = LoginUri };
            configure?.Invoke(o);
        });
        if (database is not null)
        {
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            builder.UseEntityFrameworkCore(database);
        }

        adapters?.Invoke(builder);
        _provider = services.BuildServiceProvider();
        Manager = _provider.GetRequiredService<IInvitationManager>();
        Redemption = _provider.GetRequiredService<IInvitationRedemption>();
        Erasure = _provider.GetRequiredService<IInvitationErasure>();
    }

    public FakeClock Clock { get; }

    public FakeLogCollector Logs { get; } = new();

    public IInvitationManager Manager { get; }

    public IInvitationRedemption Redemption { get; }

    public IInvitationErasure Erasure { get; }

    /// <summary>The host's container, for the library's internal services (the expiry sweep).</summary>
    public IServiceProvider Services => _provider;

    public IInvitationStore Store => _provider.GetRequiredService<IInvitationStore>();

    public InMemoryMessageSender Sender => _provider.GetServices<IMessageSender>().OfType<InMemoryMessageSender>().Single();

    public static InvitationActor Admin { get; } = InvitationActor.Admin("admin-1", "Ada Admin");

    public static InviteRequest Request(string email, string? organizationId = null) => new()
    {
        Inviter = Admin,
        Email = email,
        OrganizationId = organizationId,
        GivenName = "Jane",
        Groups = ["staff"],
    };

    public static string TokenOf(string link)
    {
        var query = new Uri(link).Query.TrimStart('?').Split('&');
        return query.Single(p => p.StartsWith("invite_token=", StringComparison.Ordinal))["invite_token=".Length..];
    }

    public void Dispose() => _provider.Dispose();
}
