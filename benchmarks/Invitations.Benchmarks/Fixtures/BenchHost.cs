using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The library wired exactly as a host would (<c>services.AddInvitations()</c>), on the in-memory
/// store, with inline dispatch off: a benchmark measures the caller's request path (validate, token,
/// link, render, fact, one atomic save), not the background delivery of the outbox.
/// </summary>
public sealed class BenchHost : IDisposable
{
    public const string LoginUri = "https://app.example.com/login";
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 5, 14, 30);

    private readonly ServiceProvider _provider;

    public BenchHost(Func<IServiceProvider, IInvitationStore>? store = null, bool dispatchInline = false, Action<InvitationsOptions>? configure = null, Action<IServiceCollection>? transports = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddInvitations(o =>
        {
            o.Defaults.AccountName = "Acme";
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = LoginUri };
            o.Delivery.Inline = dispatchInline;
            configure?.Invoke(o);
        });
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        transports?.Invoke(services);
        _ = builder;
        _provider = services.BuildServiceProvider();
        Manager = _provider.GetRequiredService<IInvitationManager>();
        Redemption = _provider.GetRequiredService<IInvitationRedemption>();
        Bulk = _provider.GetRequiredService<IBulkInvitations>();
        Store = _provider.GetRequiredService<IInvitationStore>();
    }

    public IInvitationManager Manager { get; }

    public IInvitationRedemption Redemption { get; }

    public IBulkInvitations Bulk { get; }

    public IInvitationStore Store { get; }

    public IServiceProvider Services => _provider;

    public static InvitationActor Admin { get; } = InvitationActor.Admin("admin-1", "Ada Admin");

    /// <summary>A typical invitation: e-mail, names, one group, one role, one custom field.</summary>
    public static InviteRequest Request(int i) => new()
    {
        Inviter = Admin,
        Email = $"jane.doe{i}@example.com",
        GivenName = "Jane",
        FamilyName = "Doe",
        Groups = ["staff"],
        Roles = ["editor"],
        CustomFields = new Dictionary<string, string> { ["department"] = "R&D" },
    };

    public static InviteRequest[] Requests(int count, int offset = 0)
    {
        var r = new InviteRequest[count];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = Request(offset + i);
        }

        return r;
    }

    /// <summary>Creates <paramref name="count"/> pending invitations and returns their tokens (the query value of each link).</summary>
    public string[] SeedPending(int count, int offset = 0)
    {
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            var result = Manager.InviteAsync(Request(offset + i)).GetAwaiter().GetResult();
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException("seeding failed: " + result.Error);
            }

            tokens[i] = TokenOf(result.Value.Link!);
        }

        return tokens;
    }

    public static string TokenOf(string link)
    {
        const string key = "invite_token=";
        var start = link.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var end = link.IndexOf('&', start);
        return end < 0 ? link[start..] : link[start..end];
    }

    public void Dispose() => _provider.Dispose();
}

/// <summary>
/// Wraps the in-memory store and remembers the outbox items of the last write (no allocation), so a
/// benchmark can serialize and sign the fact the service just saved without going through the dispatcher.
/// </summary>
public sealed class CapturingStore(IInvitationStore inner) : IInvitationStore
{
    public IReadOnlyList<OutboxItem>? LastOutbox { get; private set; }

    public ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        LastOutbox = outbox;
        return inner.CreateAsync(invitation, outbox, cancellationToken);
    }

    public ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        LastOutbox = outbox;
        return inner.UpdateAsync(invitation, expectedVersion, outbox, cancellationToken);
    }

    public ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);
    public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) => inner.FindByTokenHashAsync(tokenHash, cancellationToken);
    public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken) => inner.FindPendingByRecipientAsync(recipientKey, cancellationToken);
    public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken);
    public ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
    public ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken) => inner.CountCreatedByAsync(invitedById, since, cancellationToken);
    public ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken) => inner.ListFactsAsync(id, cancellationToken);
    public ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken) => inner.ClaimOutboxAsync(claim, cancellationToken);
    public ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken) => inner.CompleteOutboxAsync(id, owner, now, cancellationToken);
    public ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken) => inner.ReleaseOutboxAsync(id, owner, dueAt, error, cancellationToken);
    public ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken) => inner.FailOutboxAsync(id, owner, now, error, cancellationToken);
    public ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken) => inner.PurgeOutboxAsync(before, maxItems, cancellationToken);
    public ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken) => inner.FindExpiredPendingAsync(now, maxItems, cancellationToken);
    public ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken) => inner.PurgeInvitationsAsync(closedBefore, maxItems, cancellationToken);
    public ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken) => inner.FindByAddressAsync(normalizedAddress, cancellationToken);
    public ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken) => inner.EraseAsync(id, cancellationToken);
}

/// <summary>The host's transport for throughput runs: accepts every message and fact and keeps nothing.</summary>
public sealed class DiscardingTransport : IMessageSender, IWebhookSink
{
    public bool CanSend(MessageChannel channel) => true;

    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => new(DeliveryResult.Delivered());

    public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken) => new(DeliveryResult.Delivered());

    /// <summary>Replaces the in-memory sender and sink (which keep what they receive) with a discarding one.</summary>
    public static void Register(IServiceCollection services)
    {
        var t = new DiscardingTransport();
        services.RemoveAll<IMessageSender>();
        services.RemoveAll<IWebhookSink>();
        services.AddSingleton<IMessageSender>(t);
        services.AddSingleton<IWebhookSink>(t);
    }
}
