using NodaTime;

namespace Invitations.Core.Tests.InMemory;

/// <summary>The default implementations of the issue 16 store members, on a store that implements only the required ones.</summary>
public sealed class StoreDefaultMembersTests
{
    private static readonly Instant Now = Instant.FromUtc(2030, 1, 1, 0, 0);

    [Fact]
    public async Task The_default_expiring_pending_list_agrees_with_the_in_memory_one_page_by_page()
    {
        var inner = new InMemoryInvitationStore();
        IInvitationStore minimal = new RequiredMembersOnly(inner);
        var hours = new[] { 1, 2, 2, 2, 3, 5, 30 };
        for (var i = 0; i < hours.Length; i++)
        {
            var created = Invitation(i, Now + Duration.FromHours(hours[i]));
            await inner.CreateAsync(i == 4 ? created with { State = InvitationState.Revoked, TokenHash = null, ClosedAt = Now } : created, [], default);
        }

        for (var limit = 1; limit <= 4; limit++)
        {
            (await PagesAsync(minimal, limit)).Should().Equal(await PagesAsync(inner, limit), $"pages of {limit}");
        }

        (await PagesAsync(minimal, 2)).Should().HaveCount(5, "pending, expiring in (now, now + 6 h], the revoked one left out");
    }

    [Fact]
    public async Task The_default_short_link_members_keep_nothing_and_say_so_on_save()
    {
        IInvitationStore minimal = new RequiredMembersOnly(new InMemoryInvitationStore());
        var record = new ShortLinkRecord { CodeHash = new byte[32], InvitationId = new InvitationId(Guid.NewGuid()), SealedToken = [1], CreatedAt = Now, ExpiresAt = Now };

        var save = async () => await minimal.SaveShortLinkAsync(record, default);

        await save.Should().ThrowAsync<NotSupportedException>().WithMessage("*ILinkShortener*");
        (await minimal.FindShortLinkAsync(new byte[32], default)).Should().BeNull();
        (await minimal.PurgeShortLinksAsync(Now, 10, default)).Should().Be(0);
    }

    private static async Task<List<InvitationId>> PagesAsync(IInvitationStore store, int limit)
    {
        var query = new ExpiringPendingQuery { From = Now, To = Now + Duration.FromHours(6), Limit = limit };
        var ids = new List<InvitationId>();
        while (true)
        {
            var page = await store.FindExpiringPendingAsync(query, default);
            ids.AddRange(page.Select(d => d.Id));
            if (page.Count < limit)
            {
                return ids;
            }

            query = query with { From = page[^1].ExpiresAt, AfterId = page[^1].Id };
        }
    }

    private static InvitationData Invitation(int i, Instant expiresAt) => new()
    {
        Id = new InvitationId(Guid.NewGuid()),
        Version = 1,
        State = i % 2 == 0 ? InvitationState.Initiated : InvitationState.Reinitiated,
        Channel = MessageChannel.Email,
        Email = $"p{i}@example.com",
        DeliveryAddress = $"p{i}@example.com",
        RecipientKey = "key-" + i,
        InvitedById = "admin",
        LinkTarget = "https://app.example.com/login",
        TemplateKey = "INVITE_USER",
        TokenHash = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(),
        CreatedAt = Now - Duration.FromDays(1) + Duration.FromMinutes(i),
        UpdatedAt = Now - Duration.FromDays(1),
        ExpiresAt = expiresAt,
    };

    /// <summary>Forwards exactly the members without a default implementation.</summary>
    private sealed class RequiredMembersOnly(InMemoryInvitationStore inner) : IInvitationStore
    {
        public ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) => inner.CreateAsync(invitation, outbox, cancellationToken);
        public ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) => inner.UpdateAsync(invitation, expectedVersion, outbox, cancellationToken);
        public ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);
        public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) => inner.FindByTokenHashAsync(tokenHash, cancellationToken);
        public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken) => inner.FindPendingByRecipientAsync(recipientKey, cancellationToken);
        public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken);
        public ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
        public ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken) => inner.CountCreatedByAsync(invitedById, since, cancellationToken);
        public ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken) => inner.ListFactsAsync(id, cancellationToken);
        public ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken) => inner.FindExpiredPendingAsync(now, maxItems, cancellationToken);
        public ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken) => inner.PurgeInvitationsAsync(closedBefore, maxItems, cancellationToken);
        public ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken) => inner.FindByAddressAsync(normalizedAddress, cancellationToken);
        public ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken) => inner.EraseAsync(id, cancellationToken);
        public ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken) => inner.ClaimOutboxAsync(claim, cancellationToken);
        public ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken) => inner.CompleteOutboxAsync(id, owner, now, cancellationToken);
        public ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken) => inner.ReleaseOutboxAsync(id, owner, dueAt, error, cancellationToken);
        public ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken) => inner.FailOutboxAsync(id, owner, now, error, cancellationToken);
        public ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken) => inner.PurgeOutboxAsync(before, maxItems, cancellationToken);
    }
}
