using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace Invitations.CrashHost;

/// <summary>The library as a host wires it (AddInvitations, UseEntityFrameworkCore, background dispatcher), with the recording adapters and the boundary store.</summary>
internal sealed class ChildHost : IAsyncDisposable
{
    /// <summary>The key ring's application name: every process of a test (and the test itself) reads the same ring.</summary>
    public const string ApplicationName = "invitations-process-tests";

    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;

    public ChildHost(ChildArguments args)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClock>(new OffsetClock(Duration.FromMinutes(args.OffsetMinutes)));
        var builder = services.AddInvitations(o =>
        {
            o.Defaults.AccountName = "Acme";
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" };

            // The restarted process must find the killed one's work quickly: poll often.
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
            if (args.NoCooldown)
            {
                // Duplicate invites then rotate the link every time, so accepts race token rotation too.
                o.Limits.ResendCooldown = TimeSpan.Zero;
            }
        });
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(System.IO.Path.Combine(args.Directory, "keys")))
            .SetApplicationName(ApplicationName);
        var (provider, connection) = (args.Provider, args.Connection);
        builder.UseEntityFrameworkCore(o =>
        {
            if (provider == "postgres")
            {
                o.UseNpgsql(connection);
            }
            else
            {
                o.UseSqlite(connection);
            }
        });

        var leases = Log(args, "leases");
        var store = services.Last(d => d.ServiceType == typeof(IInvitationStore));
        services.Remove(store);
        services.AddSingleton(sp => BoundaryStore.Wrap(Resolve(sp, store), leases));
        builder.Services.AddSingleton<IMessageSender>(new RecordingMessageSender(Log(args, "messages")));
        builder.Services.AddSingleton<IWebhookSink>(new RecordingWebhookSink(Log(args, "facts")));

        _provider = services.BuildServiceProvider();
        _hosted = _provider.GetServices<IHostedService>().ToArray();
        Manager = _provider.GetRequiredService<IInvitationManager>();
        Redemption = _provider.GetRequiredService<IInvitationRedemption>();
    }

    public IInvitationManager Manager { get; }

    public IInvitationRedemption Redemption { get; }

    public static InvitationActor Admin { get; } = InvitationActor.Admin("admin-proc", "Proc Admin");

    public static AppendLog Log(ChildArguments args, string kind) => new(System.IO.Path.Combine(args.Directory, $"{kind}.{args.Worker}.log"));

    public async Task StartAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>Waits until no outbox item of any process is pending (this process's dispatcher delivers what is due).</summary>
    public async Task DrainAsync(TimeSpan limit)
    {
        var factory = _provider.GetRequiredService<IDbContextFactory<InvitationsDbContext>>();
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            await using (var context = await factory.CreateDbContextAsync())
            {
                var pending = await context.Database
                    .SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM {InvitationsModelBuilderExtensions.OutboxTable} WHERE status = 0")
                    .SingleAsync();
                if (pending == 0)
                {
                    return;
                }

                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"{pending} outbox items still pending after {limit}");
                }
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }

    private static IInvitationStore Resolve(IServiceProvider sp, ServiceDescriptor descriptor) =>
        (IInvitationStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
}
