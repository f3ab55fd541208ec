using Invitations.Delivery;
using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.Webhooks.Tests;

/// <summary>
/// Issue 16 and issue 13 finding 7 end to end: two real HTTP endpoints on loopback, each its own outbox lane in a SQLite
/// file. One answers 429 with a Retry-After of ten years: the other gets every fact at once, and a new dispatcher over
/// the same file (a restart) POSTs only what the failing one still owes, never again what the healthy one acknowledged.
/// </summary>
public sealed class EndpointLanesTests : IAsyncLifetime
{
    private static readonly Instant Start = Instant.FromUtc(2031, 5, 1, 9, 0);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"invitations-lanes-{Guid.NewGuid():N}.db");
    private readonly FakeClock _clock = new(Start);
    private Receiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await Receiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_stuck_endpoint_never_delays_a_healthy_one_and_a_restart_posts_only_what_it_still_owes()
    {
        _receiver.Script("stuck", new Reply(429, RetryAfter: "315360000"));
        InvitationId id;
        await using (var first = await StartHostAsync())
        {
            var invited = await first.Manager.InviteAsync(Request());
            invited.IsSuccess.Should().BeTrue(invited.Error?.ToString());
            id = invited.Value.Invitation.Id;
            (await first.Manager.RevokeAsync(id, Admin)).IsSuccess.Should().BeTrue();

            Types("healthy").Should().Equal([FactTypes.InviteUser, FactTypes.InviteRevoked], "no clock advance: the stuck endpoint holds back only its own lane");
            _receiver.For("stuck").Should().ContainSingle("its later fact waits behind its first, without a request");
        }

        // The restart: a new container, a new dispatcher and a new sink over the same file, after the capped wait.
        _clock.Advance(Duration.FromHours(2));
        await using (var second = await StartHostAsync())
        {
            var dispatcher = second.Services.GetRequiredService<OutboxDispatcher>();
            for (var round = 0; round < 5 && await dispatcher.DispatchAsync(null, default) > 0; round++)
            {
            }

            Types("stuck").Should().Equal([FactTypes.InviteUser, FactTypes.InviteUser, FactTypes.InviteRevoked], "the 429, then its facts in order");
            Types("healthy").Should().HaveCount(2, "what the healthy endpoint acknowledged before the restart is not POSTed again");
            _receiver.For("stuck").Select(r => r.Id).Distinct().Should().HaveCount(2, "the retry carries the same webhook-id");
        }
    }

    [Fact]
    public async Task A_failing_endpoint_gives_up_its_lane_alone_when_its_schedule_is_exhausted()
    {
        _receiver.Script("broken", new Reply(500), new Reply(500));
        await using var host = await StartHostAsync("broken", retries: 1);

        var invited = await host.Manager.InviteAsync(Request());
        _clock.Advance(Duration.FromMinutes(1));
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(null, default);

        Types("healthy").Should().Equal(FactTypes.InviteUser);
        _receiver.For("broken").Should().HaveCount(2, "the first attempt and its one retry");
        var store = host.Services.GetRequiredService<IInvitationStore>();
        (await store.ClaimOutboxAsync(new OutboxClaim { Owner = "check", LeaseDuration = Duration.FromMinutes(1), Now = _clock.GetCurrentInstant() + Duration.FromDays(30) }, default))
            .Should().BeEmpty("the broken lane failed for good, the healthy one is delivered");
        (await store.ListFactsAsync(invited.Value.Invitation.Id, default)).Select(f => f.Type).Should().Equal(
            [FactTypes.InviteUser], "a fact lane failing records no INVITE_DELIVERY_FAILED, and the fact is listed once");
    }

    private static InvitationActor Admin { get; } = InvitationActor.Admin("admin-1", "Ada Admin");

    private static InviteRequest Request() => new() { Inviter = Admin, Email = "jane@example.com" };

    private List<string> Types(string path) =>
        _receiver.For(path).Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!).ToList();

    private async Task<Host> StartHostAsync(string failing = "stuck", int retries = 9)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClock>(_clock);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var builder = services.AddInvitations(o =>
        {
            o.Defaults.AccountName = "Acme";
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" };
            while (o.Delivery.RetrySchedule.Count > retries)
            {
                o.Delivery.RetrySchedule.RemoveAt(o.Delivery.RetrySchedule.Count - 1);
            }
        });
        builder.UseEntityFrameworkCore(o => o.UseSqlite($"Data Source={_file}"));
        builder.UseWebhooks(o =>
        {
            o.AllowPrivateNetworkDestinations = true;
            o.Endpoints.Add(SinkHarness.Endpoint("healthy", _receiver.Url("healthy"), _receiver.Secret));
            o.Endpoints.Add(SinkHarness.Endpoint(failing, _receiver.Url(failing), _receiver.Secret));
        });
        var provider = services.BuildServiceProvider();
        await using (var context = await provider.GetRequiredService<IDbContextFactory<InvitationsDbContext>>().CreateDbContextAsync())
        {
            await context.Database.EnsureInvitationsSchemaAsync();
        }

        return new Host(provider);
    }

    private sealed class Host(ServiceProvider provider) : IAsyncDisposable
    {
        public IServiceProvider Services => provider;

        public IInvitationManager Manager => provider.GetRequiredService<IInvitationManager>();

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
