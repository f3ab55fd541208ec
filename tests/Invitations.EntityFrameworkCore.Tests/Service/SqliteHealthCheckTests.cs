using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>The health checks through the host's <see cref="HealthCheckService"/> over a real SQLite store.</summary>
public sealed class SqliteHealthCheckTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task HealthCheckServiceReportsTheStoreTheOutboxBacklogAndTheDispatcher()
    {
        var clock = new FakeClock(ServiceHost.Start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClock>(clock);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddInvitations(o =>
        {
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = ServiceHost.LoginUri };
            o.Delivery.Inline = false;
            o.Delivery.RunInBackground = false; // a worker dispatches: this instance's dispatcher check is Healthy
            o.HealthChecks.BacklogDegraded = 2;
            o.HealthChecks.OldestDueUnhealthy = TimeSpan.FromHours(1);
        }).UseEntityFrameworkCore(database.Configure!);
        services.AddHealthChecks().AddInvitations(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var empty = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, empty.Status);
        Assert.Equal(
            [InvitationsHealthCheckNames.Dispatcher, InvitationsHealthCheckNames.Outbox, InvitationsHealthCheckNames.Store],
            empty.Entries.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(empty.Entries.Values, e => Assert.Contains("ready", e.Tags));

        var invited = await provider.GetRequiredService<IInvitationManager>().InviteAsync(ServiceHost.Request($"health.{Guid.NewGuid():N}@example.com"));
        Assert.True(invited.IsSuccess, invited.ToString());
        var backlog = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, backlog.Entries[InvitationsHealthCheckNames.Outbox].Status);
        Assert.Equal(2L, backlog.Entries[InvitationsHealthCheckNames.Outbox].Data["due_items"]);
        Assert.Equal(HealthStatus.Degraded, backlog.Status);

        clock.Advance(Duration.FromHours(2));
        var stale = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, stale.Entries[InvitationsHealthCheckNames.Outbox].Status);
        Assert.Equal(HealthStatus.Healthy, stale.Entries[InvitationsHealthCheckNames.Store].Status);
    }
}
