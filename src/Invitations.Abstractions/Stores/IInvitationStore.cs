using NodaTime;

namespace Invitations;

/// <summary>
/// Persistence for invitations and their outbox. Implementations store data and enforce the
/// atomicity, uniqueness and concurrency rules documented on each method; they apply no business
/// rules. Every implementation should pass the conformance suite in Invitations.Testing.
/// All methods are safe to call concurrently.
/// </summary>
public interface IInvitationStore
{
    /// <summary>
    /// Saves a new invitation and its outbox items in one atomic operation.
    /// </summary>
    /// <param name="invitation">The invitation (its <see cref="InvitationData.Version"/> is 1).</param>
    /// <param name="outbox">Facts and messages caused by the creation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="StoreWriteStatus.Saved"/>, or why nothing was written.</returns>
    ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an invitation and adds its outbox items in one atomic operation, only if the stored
    /// version equals <paramref name="expectedVersion"/>. The new data carries the new version.
    /// </summary>
    /// <param name="invitation">The changed invitation (its version is <paramref name="expectedVersion"/> + 1).</param>
    /// <param name="expectedVersion">The version the change was computed from.</param>
    /// <param name="outbox">Facts and messages caused by the change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="StoreWriteStatus.Saved"/>, or why nothing was written.</returns>
    ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a new invitation and its outbox items as <see cref="CreateAsync"/> does and, in the same atomic operation,
    /// leases to <paramref name="lease"/> the saved items that head their (invitation, kind) queue: the caller delivers
    /// them without a claim. The default leases nothing (the caller then claims as before); a store overrides it to
    /// save the items already leased.
    /// </summary>
    /// <param name="invitation">The invitation (its <see cref="InvitationData.Version"/> is 1).</param>
    /// <param name="outbox">Facts and messages caused by the creation.</param>
    /// <param name="lease">The lease to take on the saved items.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The write's status and the items leased.</returns>
    async ValueTask<LeasedWriteResult> CreateLeasedAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, OutboxLease lease, CancellationToken cancellationToken) =>
        new(await CreateAsync(invitation, outbox, cancellationToken).ConfigureAwait(false), []);

    /// <summary>
    /// Changes an invitation and adds its outbox items as <see cref="UpdateAsync"/> does and, in the same atomic
    /// operation, leases to <paramref name="lease"/> the saved items that head their (invitation, kind) queue (no
    /// earlier item of the same invitation and kind is still pending): the caller delivers them without a claim, and
    /// delivery stays in order. The default leases nothing (the caller then claims as before).
    /// </summary>
    /// <param name="invitation">The changed invitation (its version is <paramref name="expectedVersion"/> + 1).</param>
    /// <param name="expectedVersion">The version the change was computed from.</param>
    /// <param name="outbox">Facts and messages caused by the change.</param>
    /// <param name="lease">The lease to take on the saved items.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The write's status and the items leased.</returns>
    async ValueTask<LeasedWriteResult> UpdateLeasedAsync(
        InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease lease, CancellationToken cancellationToken) =>
        new(await UpdateAsync(invitation, expectedVersion, outbox, cancellationToken).ConfigureAwait(false), []);

    /// <summary>
    /// Saves a batch of new invitations, each with its outbox items, and returns one result per item in batch order. An
    /// item that collides (another pending invitation, or an earlier item of the batch, holds its recipient key; another
    /// invitation or earlier item holds its idempotency key or id) fails alone with that status and nothing of it is
    /// written; a store overriding this commits every other item in one atomic operation, and on an infrastructure
    /// failure or cancellation writes none. With <paramref name="lease"/>, each saved item's outbox items are leased as
    /// <see cref="CreateLeasedAsync"/> leases them. The default saves the items one by one (one atomic operation each).
    /// </summary>
    /// <param name="batch">The invitations and their outbox items.</param>
    /// <param name="lease">The lease to take on the saved outbox items, or null to lease nothing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One result per item, in batch order.</returns>
    async ValueTask<IReadOnlyList<LeasedWriteResult>> CreateManyAsync(IReadOnlyList<InvitationCreation> batch, OutboxLease? lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new LeasedWriteResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i] ?? throw new ArgumentException("The batch must not contain null.", nameof(batch));
            results[i] = lease is null
                ? new LeasedWriteResult(await CreateAsync(item.Invitation, item.Outbox, cancellationToken).ConfigureAwait(false), [])
                : await CreateLeasedAsync(item.Invitation, item.Outbox, lease, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Finds an invitation by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or null.</returns>
    ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken);

    /// <summary>Finds the invitation whose current <see cref="InvitationData.TokenHash"/> equals <paramref name="tokenHash"/>.</summary>
    /// <param name="tokenHash">A 32-byte SHA-256 digest.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or null.</returns>
    ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Finds the pending invitation (stored state Initiated or Reinitiated) holding <paramref name="recipientKey"/>.</summary>
    /// <param name="recipientKey">The recipient key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or null.</returns>
    ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken);

    /// <summary>Finds the invitation created with <paramref name="idempotencyKey"/>.</summary>
    /// <param name="idempotencyKey">The scoped idempotency key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitation, or null.</returns>
    ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Returns one page of invitations matching the query, in ascending (CreatedAt, Id) order.</summary>
    /// <param name="query">Filters and page position.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken);

    /// <summary>Counts invitations created by <paramref name="invitedById"/> at or after <paramref name="since"/> (for inviter quotas).</summary>
    /// <param name="invitedById">The inviter id.</param>
    /// <param name="since">The start of the window.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken);

    /// <summary>Lists the facts of one invitation (delivered or not) in sequence order, until retention purges them.</summary>
    /// <param name="id">The invitation id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The facts.</returns>
    ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <see cref="OutboxClaim.MaxItems"/> claimable items to <see cref="OutboxClaim.Owner"/>
    /// until <c>Now + LeaseDuration</c>. Two concurrent claims never lease the same item while a lease lives.
    /// </summary>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The leased items, in (invitation, kind, sequence) order.</returns>
    ValueTask<IReadOnlyList<OutboxItem>> ClaimOutboxAsync(OutboxClaim claim, CancellationToken cancellationToken);

    /// <summary>Marks a leased item delivered (and drops a message's body).</summary>
    /// <param name="id">The item.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False when <paramref name="owner"/> no longer holds the lease (nothing changed).</returns>
    ValueTask<bool> CompleteOutboxAsync(OutboxItemId id, string owner, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks several leased items delivered (and drops messages' bodies) in one operation: what a dispatcher delivered
    /// from one claim. Items <paramref name="owner"/> no longer holds are left as they are. The default completes them
    /// one by one.
    /// </summary>
    /// <param name="ids">The items.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many items were marked delivered.</returns>
    async ValueTask<int> CompleteOutboxAsync(IReadOnlyList<OutboxItemId> ids, string owner, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var completed = 0;
        foreach (var id in ids)
        {
            completed += await CompleteOutboxAsync(id, owner, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return completed;
    }

    /// <summary>Ends the lease of an item that failed transiently: increments its attempts and makes it due again at <paramref name="dueAt"/>.</summary>
    /// <param name="id">The item.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="dueAt">When to try again.</param>
    /// <param name="error">The failure's description.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False when <paramref name="owner"/> no longer holds the lease (nothing changed).</returns>
    ValueTask<bool> ReleaseOutboxAsync(OutboxItemId id, string owner, Instant dueAt, string? error, CancellationToken cancellationToken);

    /// <summary>Marks a leased item failed for good (and drops a message's body).</summary>
    /// <param name="id">The item.</param>
    /// <param name="owner">The lease owner.</param>
    /// <param name="now">The current time.</param>
    /// <param name="error">The failure's description.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>False when <paramref name="owner"/> no longer holds the lease (nothing changed).</returns>
    ValueTask<bool> FailOutboxAsync(OutboxItemId id, string owner, Instant now, string error, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxItems"/> completed or failed outbox items (and so their facts)
    /// whose <see cref="OutboxItem.CompletedAt"/> is before <paramref name="before"/>.
    /// </summary>
    /// <param name="before">The retention cut-off.</param>
    /// <param name="maxItems">The batch size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many items were deleted.</returns>
    ValueTask<int> PurgeOutboxAsync(Instant before, int maxItems, CancellationToken cancellationToken);

    /// <summary>
    /// Lists up to <paramref name="maxItems"/> invitations whose stored state is still pending
    /// (Initiated or Reinitiated) and whose <see cref="InvitationData.ExpiresAt"/> is at or before
    /// <paramref name="now"/>, oldest expiry first: the expiry sweeper's work list.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="maxItems">The batch size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The due invitations.</returns>
    ValueTask<IReadOnlyList<InvitationData>> FindExpiredPendingAsync(Instant now, int maxItems, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxItems"/> terminal invitations (Accepted, Revoked, Rejected, Expired)
    /// whose <see cref="InvitationData.ClosedAt"/> is before <paramref name="closedBefore"/>, each together
    /// with all of its outbox items, in one atomic operation per invitation.
    /// </summary>
    /// <param name="closedBefore">The retention cut-off.</param>
    /// <param name="maxItems">The batch size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many invitations were deleted.</returns>
    ValueTask<int> PurgeInvitationsAsync(Instant closedBefore, int maxItems, CancellationToken cancellationToken);

    /// <summary>
    /// Finds every invitation (any state) whose <see cref="InvitationData.Email"/>,
    /// <see cref="InvitationData.MobileNumber"/> or <see cref="InvitationData.DeliveryAddress"/> equals
    /// <paramref name="normalizedAddress"/>, compared case-insensitively (ordinal): for erasure requests.
    /// </summary>
    /// <param name="normalizedAddress">A normalized e-mail address or E.164 number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The invitations, oldest first.</returns>
    ValueTask<IReadOnlyList<InvitationData>> FindByAddressAsync(string normalizedAddress, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one invitation together with all of its outbox items (facts and messages, delivered or not)
    /// in one atomic operation, leaving nothing about it behind (erasure, GDPR Art. 17).
    /// </summary>
    /// <param name="id">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many records were deleted: the invitation plus its outbox items; 0 when there was no such invitation.</returns>
    ValueTask<int> EraseAsync(InvitationId id, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the outbox backlog (pending items due at <paramref name="now"/>, and the earliest due time among them) and
    /// the count of pending, unexpired invitations: for health checks and gauges, so it should be cheap (index-served
    /// counts). The default reports nothing (null): health checks then say the store does not report statistics.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The statistics, or null when the store does not report them.</returns>
    ValueTask<InvitationStoreStats?> GetStatsAsync(Instant now, CancellationToken cancellationToken) => ValueTask.FromResult<InvitationStoreStats?>(null);

    #region Reminders (the reminder sweep's work list)

    /// <summary>
    /// Lists one page of invitations whose stored state is pending (Initiated or Reinitiated) and whose
    /// <see cref="InvitationData.ExpiresAt"/> lies in the query's window, in ascending (ExpiresAt, Id) order: the reminder
    /// sweep's work list. The default pages through <see cref="QueryAsync"/> and filters in memory (correct, but it reads
    /// every pending invitation); a store overrides it with an indexed query.
    /// </summary>
    /// <param name="query">The expiry window and page position.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page (fewer than <see cref="ExpiringPendingQuery.Limit"/> items when it is the last).</returns>
    async ValueTask<IReadOnlyList<InvitationData>> FindExpiringPendingAsync(ExpiringPendingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = new List<InvitationData>();
        foreach (var state in new[] { InvitationState.Initiated, InvitationState.Reinitiated })
        {
            InvitationCursor? after = null;
            do
            {
                // The effective-state filter one tick (the coarsest precision stores keep) before From keeps the stored-pending invitations expiring at or after
                // From (a page's last expiry is the next page's From, and its ties must stay in).
                var asOf = query.From - Duration.FromTicks(1);
                var page = await QueryAsync(new InvitationQuery { State = state, AsOf = asOf, After = after, Limit = 1000 }, cancellationToken).ConfigureAwait(false);
                found.AddRange(page.Items.Where(d => d.State == state && d.ExpiresAt <= query.To && After(d, query)));
                after = page.Next;
            }
            while (after is not null);
        }

        found.Sort(static (a, b) => a.ExpiresAt != b.ExpiresAt ? a.ExpiresAt.CompareTo(b.ExpiresAt) : a.Id.Value.CompareTo(b.Id.Value));
        return found.Take(query.Limit).ToList();

        static bool After(InvitationData d, ExpiringPendingQuery q) =>
            d.ExpiresAt > q.From || (q.AfterId is { } id && d.ExpiresAt == q.From && d.Id.Value.CompareTo(id.Value) > 0);
    }

    #endregion

    #region Short links (the built-in link shortener)

    /// <summary>
    /// Saves a short link of the built-in shortener. The code digest is unique: a second record with the same digest is
    /// refused (false) and nothing is written. The default throws <see cref="NotSupportedException"/>: a store that does
    /// not keep short links cannot back <c>Links.ShortenSms</c>; register another <see cref="ILinkShortener"/> then.
    /// </summary>
    /// <param name="link">The record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>True when saved; false when a record with the same code digest exists.</returns>
    ValueTask<bool> SaveShortLinkAsync(ShortLinkRecord link, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "This IInvitationStore keeps no short links: implement SaveShortLinkAsync and FindShortLinkAsync, or register your own ILinkShortener.");

    /// <summary>Finds the short link whose code digest equals <paramref name="codeHash"/>. The default finds nothing.</summary>
    /// <param name="codeHash">A 32-byte digest.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or null.</returns>
    ValueTask<ShortLinkRecord?> FindShortLinkAsync(byte[] codeHash, CancellationToken cancellationToken) => ValueTask.FromResult<ShortLinkRecord?>(null);

    /// <summary>
    /// Deletes up to <paramref name="maxItems"/> short links whose <see cref="ShortLinkRecord.ExpiresAt"/> is before
    /// <paramref name="before"/>. <see cref="EraseAsync"/> and <see cref="PurgeInvitationsAsync"/> also delete an
    /// invitation's short links. The default deletes nothing.
    /// </summary>
    /// <param name="before">The cut-off.</param>
    /// <param name="maxItems">The batch size.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> PurgeShortLinksAsync(Instant before, int maxItems, CancellationToken cancellationToken) => ValueTask.FromResult(0);

    #endregion
}
