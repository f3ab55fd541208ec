using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>Which unique index a failed write collided with.</summary>
internal enum UniqueViolation
{
    /// <summary>Not a unique violation.</summary>
    None,

    /// <summary>A unique violation on an index the provider could not name.</summary>
    Unknown,

    /// <summary>The invitation primary key.</summary>
    InvitationId,

    /// <summary>The pending recipient key.</summary>
    PendingRecipientKey,

    /// <summary>The idempotency key.</summary>
    IdempotencyKey,

    /// <summary>The token hash.</summary>
    TokenHash,

    /// <summary>The outbox primary key.</summary>
    OutboxId,

    /// <summary>The outbox (invitation, kind, lane, sequence) index.</summary>
    OutboxSequence,
}

/// <summary>
/// The provider-specific parts of the store: recognising unique violations and transient errors, and
/// leasing outbox items. Chosen by <see cref="DbContext.Database"/>'s provider name, so the package does
/// not reference any provider assembly.
/// </summary>
internal abstract class StoreProvider
{
    public const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // A model is built for one provider, so the answer is cached per model: DatabaseFacade.ProviderName
    // reads the provider assembly's name through reflection on every call.
    private static readonly ConditionalWeakTable<IModel, StoreProvider> ByModel = [];

    public static StoreProvider For(DbContext context) => ByModel.GetValue(context.Model, _ => context.Database.ProviderName switch
    {
        SqliteProviderName => SqliteStoreProvider.Instance,
        NpgsqlProviderName => PostgresStoreProvider.Instance,
        _ => GenericStoreProvider.Instance,
    });

    /// <summary>
    /// The version guard of an update, in the update's transaction: a conditional UPDATE of the invitation row to
    /// itself that decides a race (0 rows: the caller lost) and locks the row. Returns null when the invitation is not
    /// at <paramref name="expectedVersion"/>, else how many of its outbox items are still pending (before the update's
    /// own are added), or -1 when the provider does not count them. The default counts nothing. Providers with
    /// <see cref="UpdatesReturning"/> do not use it: their update is one guarded UPDATE of the whole row.
    /// </summary>
    public virtual async Task<long?> GuardAsync(DbContext context, Guid id, long expectedVersion, CancellationToken cancellationToken) =>
        await context.Set<InvitationRow>()
            .Where(r => r.Id == id && r.Version == expectedVersion)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, expectedVersion), cancellationToken).ConfigureAwait(false) == 1 ? -1 : null;

    /// <summary>
    /// Whether <c>INSERT ... VALUES (...), (...) ON CONFLICT DO NOTHING RETURNING key</c> works (SQLite 3.35+, PostgreSQL):
    /// creations then go in as multi-row inserts that report collisions without failing. Other providers save row by row.
    /// </summary>
    public virtual bool InsertsIgnoringConflicts => false;

    /// <summary>
    /// Whether a creation or an update is one statement with its outbox rows: a data-modifying <c>WITH</c> whose
    /// invitation write the outbox insert joins (PostgreSQL; SQLite has no DML in <c>WITH</c>). A single statement is
    /// atomic by itself, so it needs no transaction of its own: no <c>BEGIN</c> and <c>COMMIT</c> round trips.
    /// </summary>
    public virtual bool WritesInOneStatement => false;

    /// <summary>
    /// Whether the lookups by a unique column are raw <c>SELECT ... LIMIT 1</c> statements read straight into the row
    /// (SQLite, PostgreSQL; <c>LIMIT</c> is not portable): EF Core's query pipeline and materializer cost several times
    /// the statement itself there (<c>throughput --vs-floor --pieces</c>).
    /// </summary>
    public virtual bool RawLookups => false;

    /// <summary>The most parameters one multi-row INSERT of a batch binds (the statement is cut into chunks beyond it).</summary>
    public virtual int MaxInsertParameters => 30_000;

    /// <summary>
    /// Whether an UPDATE may return a subquery (<c>UPDATE ... RETURNING (SELECT ...)</c>; SQLite, PostgreSQL): a
    /// version-guarded update is then one statement that also counts the invitation's pending outbox items.
    /// </summary>
    public virtual bool UpdatesReturning => false;

    /// <summary>Classifies the cause of a failed SaveChanges or statement.</summary>
    public abstract UniqueViolation ClassifyUniqueViolation(Exception exception);

    /// <summary>Whether the operation may be retried as a whole (busy database, serialization failure).</summary>
    public virtual bool IsTransient(Exception exception) => false;

    /// <summary>
    /// Whether writes run on one long-lived connection per database (<see cref="WriterSession"/>) under the write gate,
    /// their statements prepared once: SQLite, whose writers are serialized anyway.
    /// </summary>
    public virtual bool KeepsWriterOpen => false;

    /// <summary>
    /// Whether the store's raw statements are prepared on the pooled connections that run them
    /// (<see cref="StatementPreparation"/>): PostgreSQL, where a prepared statement outlives the pooled connection.
    /// </summary>
    public virtual bool PreparesStatements => false;

    /// <summary>
    /// Enters the provider's in-process write gate, if it has one, before a write operation. Returns the
    /// handle to dispose when the write is done, or null.
    /// </summary>
    public virtual ValueTask<IDisposable?> EnterWriteAsync(DbContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDisposable?>(null);

    /// <summary>
    /// Enters the write gate only if it is free at once (a lookup then reads on the idle writer connection, its
    /// statement prepared); null when it is taken or the provider has none.
    /// </summary>
    public virtual IDisposable? TryEnterWrite(DbContext context) => null;

    /// <summary>Leases up to <see cref="OutboxClaim.MaxItems"/> claimable items.</summary>
    public abstract Task<List<OutboxRow>> ClaimAsync(DbContext context, OutboxClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// The parameters of a raw claim statement: <c>{0}</c> owner, <c>{1}</c> lease expiry, <c>{2}</c> now (both as
    /// ticks, the model's <see cref="Instant"/> conversion), <c>{3}</c> the limit and, when the claim is for one
    /// invitation, <c>{4}</c> its id, with the filter on the candidate alias <c>c</c> that uses it.
    /// </summary>
    protected static object[] ClaimParameters(OutboxClaim claim, out string invitationFilter, OutboxSql sql)
    {
        var now = claim.Now.ToUnixTimeTicks();
        var expires = (claim.Now + claim.LeaseDuration).ToUnixTimeTicks();
        if (claim.InvitationId is { } invitationId)
        {
            invitationFilter = $" AND c.{sql.InvitationId} = {{4}}";
            return [claim.Owner, expires, now, claim.MaxItems, invitationId.Value];
        }

        invitationFilter = "";
        return [claim.Owner, expires, now, claim.MaxItems];
    }

    protected static DbException? FindDbException(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException db)
            {
                return db;
            }
        }

        return null;
    }

    protected static UniqueViolation FromIndexName(string? name) => name switch
    {
        null => UniqueViolation.Unknown,
        IndexNames.PrimaryKey => UniqueViolation.InvitationId,
        IndexNames.PendingRecipientKey => UniqueViolation.PendingRecipientKey,
        IndexNames.IdempotencyKey => UniqueViolation.IdempotencyKey,
        IndexNames.TokenHash => UniqueViolation.TokenHash,
        IndexNames.OutboxPrimaryKey => UniqueViolation.OutboxId,
        IndexNames.OutboxSequence => UniqueViolation.OutboxSequence,
        _ => UniqueViolation.Unknown,
    };

    /// <summary>
    /// The portable claim: in one transaction, select the ids of claimable items, lease them with a
    /// conditional UPDATE (only rows still pending and not under a live lease), then read back the rows
    /// now leased to this owner until this expiry. Safe wherever writers serialize (SQLite) or an UPDATE
    /// re-checks its WHERE clause against the latest committed row (READ COMMITTED databases).
    /// </summary>
    protected static async Task<List<OutboxRow>> ClaimWithConditionalUpdateAsync(DbContext context, OutboxClaim claim, CancellationToken cancellationToken)
    {
        var now = claim.Now;
        Instant? expires = now + claim.LeaseDuration;
        var owner = claim.Owner;
        var set = context.Set<OutboxRow>();

        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var candidates = set.Where(r => r.Status == (int)OutboxItemStatus.Pending
                && r.DueAt <= now
                && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now)
                && !set.Any(p => p.InvitationId == r.InvitationId
                    && p.Kind == r.Kind
                    && p.Lane == r.Lane
                    && p.Status == (int)OutboxItemStatus.Pending
                    && p.Sequence < r.Sequence));
            if (claim.InvitationId is { } invitationId)
            {
                var id = invitationId.Value;
                candidates = candidates.Where(r => r.InvitationId == id);
            }

            var ids = await candidates
                .OrderBy(r => r.DueAt).ThenBy(r => r.InvitationId).ThenBy(r => r.Kind).ThenBy(r => r.Lane).ThenBy(r => r.Sequence)
                .Select(r => r.Id)
                .Take(claim.MaxItems)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return [];
            }

            await set
                .Where(r => ids.Contains(r.Id)
                    && r.Status == (int)OutboxItemStatus.Pending
                    && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseExpiresAt, expires),
                    cancellationToken).ConfigureAwait(false);

            var rows = await set.AsNoTracking()
                .Where(r => ids.Contains(r.Id) && r.LeaseOwner == owner && r.LeaseExpiresAt == expires)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }
}

/// <summary>Any other relational provider: conditional-UPDATE claim and probing for unique violations.</summary>
internal sealed class GenericStoreProvider : StoreProvider
{
    public static readonly GenericStoreProvider Instance = new();

    public override UniqueViolation ClassifyUniqueViolation(Exception exception) =>
        FindDbException(exception) is null ? UniqueViolation.None : UniqueViolation.Unknown;

    public override Task<List<OutboxRow>> ClaimAsync(DbContext context, OutboxClaim claim, CancellationToken cancellationToken) =>
        ClaimWithConditionalUpdateAsync(context, claim, cancellationToken);
}
