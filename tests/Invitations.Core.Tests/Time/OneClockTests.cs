using System.Diagnostics;
using Invitations.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Invitations.Tests.Time;

public sealed class OneClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 5, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_registered_TimeProvider_is_the_clock_of_every_instant()
    {
        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddInvitations(Configure);
        await using var provider = services.BuildServiceProvider();

        time.Advance(TimeSpan.FromHours(1));
        var invited = await provider.GetRequiredService<IInvitationManager>().InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("a"), Email = "x@example.com" });

        provider.GetRequiredService<IClock>().GetCurrentInstant().Should().Be(Instant.FromDateTimeOffset(Start.AddHours(1)));
        invited.Value!.Invitation.CreatedAt.Should().Be(Instant.FromDateTimeOffset(Start.AddHours(1)));
        invited.Value!.Invitation.ExpiresAt.Should().Be(Instant.FromDateTimeOffset(Start.AddHours(1).AddDays(7)));
    }

    [Fact]
    public async Task A_host_registered_NodaTime_clock_is_kept()
    {
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2030, 1, 1, 0, 0));
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddInvitations(Configure);
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IClock>().Should().BeSameAs(clock);
    }

    [Fact]
    public async Task The_background_dispatcher_waits_its_poll_interval_on_the_hosts_TimeProvider()
    {
        var time = new SignallingTimeProvider(Start);
        var sink = new InMemoryWebhookSink();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddInvitations(o =>
        {
            Configure(o);
            o.Delivery.Inline = false;
            o.Delivery.PollInterval = TimeSpan.FromHours(1); // real time would not deliver before the deadline below
            o.Maintenance.RunInBackground = false; // the dispatcher is the only loop creating timers
        }).AddWebhookSink(sink);
        using var host = builder.Build();
        await host.StartAsync();
        await time.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the loop found nothing and waits on the fake clock

        await host.Services.GetRequiredService<IInvitationManager>().InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("a"), Email = "x@example.com" });

        // Advancing on every turn covers the loop reaching its wait after an earlier advance.
        var deadline = Stopwatch.StartNew();
        while (sink.Facts.Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(10);
        }

        await host.StopAsync();
        sink.Facts.Should().ContainSingle().Which.Type.Should().Be(FactTypes.InviteUser);
    }

    [Fact]
    public async Task The_background_maintenance_ticks_on_the_hosts_TimeProvider()
    {
        var time = new SignallingTimeProvider(Start);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddInvitations(o =>
        {
            Configure(o);
            o.Maintenance.Interval = TimeSpan.FromHours(1);
            o.Delivery.RunInBackground = false; // the maintenance is the only loop creating timers
        });
        using var host = builder.Build();
        var service = host.Services.GetRequiredService<IInvitationManager>();
        var invited = await service.InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("a"), Email = "x@example.com", Lifetime = Duration.FromHours(1) });
        await host.StartAsync();
        await time.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the loop ticks on the fake clock

        var store = host.Services.GetRequiredService<IInvitationStore>();
        var deadline = Stopwatch.StartNew();
        while ((await store.FindAsync(invited.Value!.Invitation.Id, default))!.State != InvitationState.Expired && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(10);
        }

        await host.StopAsync();
        (await store.FindAsync(invited.Value!.Invitation.Id, default))!.State.Should().Be(InvitationState.Expired, "the sweep ran on a fake-clock tick");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Each_background_service_runs_only_where_its_options_say(bool runInBackground, bool stillRunning)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        services.AddInvitations(o =>
        {
            Configure(o);
            o.Delivery.RunInBackground = runInBackground;
            o.Maintenance.RunInBackground = runInBackground;
        });
        await using var provider = services.BuildServiceProvider();
        var background = provider.GetServices<IHostedService>().Cast<BackgroundService>().ToList();

        foreach (var service in background)
        {
            await service.StartAsync(default);
        }

        background.Should().HaveCount(2);
        if (stillRunning)
        {
            // On a fake clock that never advances, a running loop stays parked in its wait: it cannot have completed.
            background.Should().OnlyContain(s => !s.ExecuteTask!.IsCompleted);
        }
        else
        {
            // A switched-off service returns at once (on a thread-pool thread, so wait for it rather than look).
            await Task.WhenAll(background.Select(s => s.ExecuteTask!)).WaitAsync(TimeSpan.FromSeconds(10));
        }

        foreach (var service in background)
        {
            await service.StopAsync(default);
        }
    }

    /// <summary>Reports the first timer a loop creates on it: proof the loop waits on this clock, not on real time.</summary>
    private sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimerCreated.TrySetResult();
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    private static void Configure(InvitationsOptions o) =>
        o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" };
}
