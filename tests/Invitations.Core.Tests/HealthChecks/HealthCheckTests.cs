using FluentAssertions;
using Invitations.Core.Tests.Support;
using Invitations.Delivery;
using Invitations.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Invitations.Core.Tests.HealthChecks;

/// <summary>The three checks of <c>AddHealthChecks().AddInvitations()</c>, on fake clocks.</summary>
public sealed class HealthCheckTests
{
    private static readonly HealthCheckContext Context = new()
    {
        Registration = new HealthCheckRegistration("x", _ => null!, HealthStatus.Unhealthy, null),
    };

    [Fact]
    public async Task DispatcherIsHealthyWithinTheAllowedPollsUnhealthyAfterAndHealthyWhereItDoesNotRun()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2031-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new InvitationsOptions();
        options.Delivery.PollInterval = TimeSpan.FromSeconds(5);
        options.HealthChecks.DispatcherMissedPolls = 3;
        var heartbeat = new DispatcherHeartbeat();
        var check = new DispatcherHealthCheck(heartbeat, Options.Create(options), time);

        (await check.CheckHealthAsync(Context)).Status.Should().Be(HealthStatus.Unhealthy, "no beat yet: the loop never ran");
        heartbeat.Beat(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(15));
        (await check.CheckHealthAsync(Context)).Status.Should().Be(HealthStatus.Healthy, "three poll intervals are allowed");
        time.Advance(TimeSpan.FromSeconds(1));
        (await check.CheckHealthAsync(Context)).Status.Should().Be(HealthStatus.Unhealthy);

        options.Delivery.RunInBackground = false;
        (await check.CheckHealthAsync(Context)).Status.Should().Be(HealthStatus.Healthy, "another instance dispatches");
    }

    [Theory]
    [InlineData(1, 0, HealthStatus.Healthy)]
    [InlineData(2, 0, HealthStatus.Degraded)]
    [InlineData(4, 0, HealthStatus.Unhealthy)]
    [InlineData(1, 10, HealthStatus.Degraded)]
    [InlineData(1, 30, HealthStatus.Unhealthy)]
    public async Task OutboxReportsTheWorseOfBacklogAndOldestWait(int invitations, int minutesWaited, HealthStatus expected)
    {
        // Each invitation queues two items (its fact and its message) for the background dispatcher.
        using var host = new TestHost(o =>
        {
            o.Delivery.Inline = false;
            o.HealthChecks.BacklogDegraded = 4;
            o.HealthChecks.BacklogUnhealthy = 8;
            o.HealthChecks.OldestDueDegraded = TimeSpan.FromMinutes(10);
            o.HealthChecks.OldestDueUnhealthy = TimeSpan.FromMinutes(30);
        });
        for (var i = 0; i < invitations; i++)
        {
            await host.InviteAsync(TestHost.Request($"p{i}@example.com"));
        }

        host.Clock.Advance(Duration.FromMinutes(minutesWaited));
        var check = ActivatorUtilities.CreateInstance<OutboxHealthCheck>(host.Services);

        var result = await check.CheckHealthAsync(Context);

        result.Status.Should().Be(expected, result.Description);
        result.Data["due_items"].Should().Be(2L * invitations);
        result.Data["oldest_due_age_seconds"].Should().Be(minutesWaited * 60d);
    }

    [Fact]
    public async Task StoreThatDoesNotAnswerWithinTheTimeoutIsUnhealthyAndOneThatAnswersIsHealthy()
    {
        var time = new FakeTimeProvider();
        var options = new InvitationsOptions();
        options.HealthChecks.StoreTimeout = TimeSpan.FromSeconds(2);
        var check = new StoreHealthCheck(HangingStore.Create(), Options.Create(options), time);

        var pending = check.CheckHealthAsync(Context);
        await HangingStore.Called.Task;
        pending.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(2));
        var result = await pending;

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("did not answer");
        (await new StoreHealthCheck(new InMemoryInvitationStore(), Options.Create(options), time).CheckHealthAsync(Context)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public void DegradedAboveUnhealthyIsRefusedAtStartup()
    {
        var services = new ServiceCollection();
        services.AddInvitations(o =>
        {
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = TestHost.LoginUri };
            o.HealthChecks.BacklogDegraded = 100;
            o.HealthChecks.BacklogUnhealthy = 10;
        });
        services.AddHealthChecks().AddInvitations();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<InvitationsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*BacklogDegraded must not exceed*");
    }

    /// <summary>A store whose lookup never finishes until cancelled (every other member is unused here).</summary>
    public class HangingStore : System.Reflection.DispatchProxy
    {
        public static readonly TaskCompletionSource Called = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static IInvitationStore Create() => Create<IInvitationStore, HangingStore>();

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IInvitationStore.FindAsync)
                ? new ValueTask<InvitationData?>(HangAsync((CancellationToken)args![1]!))
                : throw new NotSupportedException(targetMethod?.Name);

        private static async Task<InvitationData?> HangAsync(CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return null;
        }
    }
}

/// <summary>The real background dispatcher beats: its health check turns Healthy once the hosted service runs.</summary>
public sealed class DispatcherHeartbeatTests
{
    [Fact]
    public async Task RunningDispatcherServiceMakesTheDispatcherCheckHealthy()
    {
        using var host = new TestHost(o => o.Delivery.PollInterval = TimeSpan.FromMinutes(1));
        var check = ActivatorUtilities.CreateInstance<DispatcherHealthCheck>(host.Services);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("d", check, HealthStatus.Unhealthy, null) };
        (await check.CheckHealthAsync(context)).Status.Should().Be(HealthStatus.Unhealthy, "not started");
        var service = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DispatcherHostedService>().Single();

        await service.StartAsync(CancellationToken.None);
        try
        {
            var heartbeat = host.Services.GetRequiredService<DispatcherHeartbeat>();
            for (var i = 0; i < 1000 && heartbeat.Last is null; i++)
            {
                await Task.Delay(10);
            }

            (await check.CheckHealthAsync(context)).Status.Should().Be(HealthStatus.Healthy);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }
}
