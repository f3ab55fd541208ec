using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Core.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    [Fact]
    public void Invalid_options_fail_at_startup_listing_every_problem()
    {
        var services = new ServiceCollection();
        services.AddInvitations(o =>
        {
            o.Lifetime.Min = TimeSpan.FromDays(10);
            o.Defaults.TimeZone = "Nowhere/Land";
            o.Delivery.RetryJitter = 2;
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<InvitationsOptions>>().Value;

        var ex = act.Should().Throw<OptionsValidationException>().Which;
        ex.Failures.Should().HaveCountGreaterOrEqualTo(4);
        ex.Message.Should().Contain("No client is configured").And.Contain("Nowhere/Land").And.Contain("Delivery.RetryJitter").And.Contain("Lifetime.Min");
    }

    [Theory]
    [InlineData("http://app.example.com/login")]
    [InlineData("https://user@app.example.com/login")]
    [InlineData("//evil.com/x")]
    [InlineData("/\\evil.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example.com/login#frag")]
    public void Unsafe_client_urls_are_refused_at_startup(string url)
    {
        var services = new ServiceCollection();
        services.AddInvitations(o => o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = url });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<InvitationsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*must be an absolute https URL*");
    }

    [Fact]
    public async Task Host_start_fails_fast_on_invalid_options()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInvitations();
        using var host = builder.Build();

        var act = () => host.StartAsync();

        await act.Should().ThrowAsync<OptionsValidationException>();
    }

    [Fact]
    public void Adding_twice_registers_each_default_once_and_adapters_replace_them()
    {
        var services = new ServiceCollection();
        services.AddInvitations(Configure);
        services.AddInvitations(Configure).UseStore<CountingStore>();

        services.Count(d => d.ServiceType == typeof(IInvitationManager)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IMessageSender)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IHostedService)).Should().Be(2, "the outbox dispatcher and the maintenance service (expiry sweep, retention)");
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IInvitationStore>().Should().BeOfType<CountingStore>();
    }

    [Fact]
    public void Adding_a_sender_or_sink_type_twice_registers_it_once_and_every_caller_gets_its_own_service()
    {
        var services = new ServiceCollection();
        services.AddInvitations(Configure).AddMessageSender<Support.FaultySender>().AddMessageSender<Support.FaultySender>()
            .AddWebhookSink<Support.FaultySink>().AddWebhookSink<Support.FaultySink>();

        services.Count(d => d.ServiceType == typeof(IMessageSender)).Should().Be(2, "the in-memory default and the added sender");
        services.Count(d => d.ServiceType == typeof(IWebhookSink)).Should().Be(2, "the in-memory default and the added sink");
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IInvitationManager>().Should().NotBeNull();
        provider.GetRequiredService<IInvitationRedemption>().Should().NotBeSameAs(provider.GetRequiredService<IInvitationManager>(),
            "a token holder's endpoint is not handed the administrator's service");
        provider.GetRequiredService<IBulkInvitations>().Should().NotBeNull();
        provider.GetRequiredService<IAutomaticInvitations>().Should().NotBeNull();
        provider.GetRequiredService<IInvitationErasure>().Should().NotBeNull();
    }

    [Fact]
    public async Task Works_without_logging_registered()
    {
        var services = new ServiceCollection();
        services.AddInvitations(Configure);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IInvitationManager>().InviteAsync(new InviteRequest
        {
            Inviter = InvitationActor.Admin("a"),
            Email = "x@example.com",
        });

        result.IsSuccess.Should().BeTrue(result.Error?.ToString());
    }

    [Fact]
    public async Task Background_dispatcher_delivers_what_inline_dispatch_left()
    {
        var sink = new InMemoryWebhookSink();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddInvitations(o =>
        {
            Configure(o);
            o.Delivery.Inline = false;
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(20);
        }).AddWebhookSink(sink);
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IInvitationManager>().InviteAsync(new InviteRequest { Inviter = InvitationActor.Admin("a"), Email = "x@example.com" });

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sink.Facts.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await host.StopAsync();
        sink.Facts.Should().ContainSingle().Which.Type.Should().Be(FactTypes.InviteUser);
    }

    private static void Configure(InvitationsOptions o) =>
        o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" };

    private sealed class CountingStore : IInvitationStore
    {
        private readonly InMemoryInvitationStore _inner = new();
        public ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) => _inner.CreateAsync(invitation, outbox, cancellationToken);
        public ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) => _inner.UpdateAsync(invitation, expectedVersion, outbox, cancellationToken);
        public ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken) => _inner.FindAsync(id, cancellationToken);
        public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) => _inner.FindByTokenHashAsync(tokenHash, cancellationToken);
        public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken) => _inner.FindPendingByRecipientAsync(recipientKey, cancellationToken);
        public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) => _inner.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken);
        public ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken) => _inner.QueryAsync(query, cancellationToken);
        public ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken) => _inner.CountCreatedByAsync(invitedById, since, cancellationToken);
        public ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken) => _inner.ListFactsAsync(id, cancellationToken);
        public ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken) => _inner.FindExpiredPendingAsync(now, maxItems, cancellationToken);
        public ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken) => _inner.PurgeInvitationsAsync(closedBefore, maxItems, cancellationToken);
        public ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken) => _inner.FindByAddressAsync(normalizedAddress, cancellationToken);
        public ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken) => _inner.EraseAsync(id, cancellationToken);
        public ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken) => _inner.ClaimOutboxAsync(claim, cancellationToken);
        public ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken) => _inner.CompleteOutboxAsync(id, owner, now, cancellationToken);
        public ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken) => _inner.ReleaseOutboxAsync(id, owner, dueAt, error, cancellationToken);
        public ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken) => _inner.FailOutboxAsync(id, owner, now, error, cancellationToken);
        public ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken) => _inner.PurgeOutboxAsync(before, maxItems, cancellationToken);
    }
}
