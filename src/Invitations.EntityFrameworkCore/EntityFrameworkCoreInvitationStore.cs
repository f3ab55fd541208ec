using Invitations.EntityFrameworkCore;
using Invitations.EntityFrameworkCore.Providers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// An <see cref="IInvitationStore"/> on Entity Framework Core. It is a singleton that creates a new
/// <typeparamref name="TContext"/> per operation through <see cref="IDbContextFactory{TContext}"/> (on SQLite, writes
/// share one long-lived context instead: see the remarks); the context's model must include
/// <see cref="InvitationsModelBuilderExtensions.ApplyInvitationsModel"/>.
/// Tested on SQLite (the embedded default) and PostgreSQL (many app instances); other relational
/// providers use a portable conditional-UPDATE outbox claim.
/// </summary>
/// <remarks>
/// <para>
/// Durability. Every write (creating, updating, erasing and purging invitations, each with its facts and messages, and
/// leasing, completing, releasing and failing outbox items) commits at the connection's own setting: SQLite's default
/// <c>PRAGMA synchronous = FULL</c>, PostgreSQL's <c>synchronous_commit</c>. So an invitation is on stable storage
/// before its message can be sent. The store reads and changes no setting per operation; a host that wants relaxed
/// commits chooses them once for the connection (SQLite WAL with <c>synchronous = NORMAL</c> set when the connection
/// opens, PostgreSQL <c>synchronous_commit = off</c> for the role), which relaxes every commit alike.
/// </para>
/// <para>
/// The SQLite writer connection. SQLite has one writer per file, so writes of one process queue on a gate per
/// database, and the gate's holder writes on one connection the store keeps open: a context from the factory, created
/// and opened (connection interceptors run) on the first write and used by every write after it, with the hot path's
/// statements prepared once on it. Those prepared statements run past EF Core's command pipeline (command interceptors,
/// logging, diagnostic events and the instrumentation built on them do not see them); anything per call that a host's
/// factory puts on a context is fixed at the first write. Inside an ambient <c>TransactionScope</c> a write uses a
/// context of its own, so it enlists. Dispose the store (the DI container does) to close the connection, and before
/// deleting or replacing the database file: a connection kept open would keep writing to the old file.
/// </para>
/// <para>
/// Prepared statements on PostgreSQL. Each operation takes a pooled connection, and the store's statements are
/// prepared on it (Npgsql keeps them on the server connection across pool returns), still through EF Core's command
/// pipeline, so interceptors and logging see every execution. Behind a pooler that cannot keep prepared statements,
/// turn this off with <c>AppContext.SetSwitch("Invitations.EntityFrameworkCore.DisablePreparedStatements", true)</c>
/// before the first operation.
/// </para>
/// </remarks>
/// <typeparam name="TContext">The host's context type.</typeparam>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext> : IInvitationStore, IAsyncDisposable, IDisposable
    where TContext : DbContext
{
    private const int MaxAttempts = 8;
    private readonly IDbContextFactory<TContext> _contextFactory;
    private readonly OutboxPayloadProtector _protector;
    private readonly WriterSessions<TContext> _writers;
    private readonly RecentRows _recent = new();

    /// <summary>
    /// Creates the store for tests and benchmarks: queued messages are encrypted with an in-memory key
    /// (<see cref="EphemeralDataProtectionProvider"/>), so a message still queued when the process ends can never be
    /// sent (the next claim marks it failed). Hosts register the store with <c>UseEntityFrameworkCore</c>, which uses
    /// the application's Data Protection key ring.
    /// </summary>
    /// <param name="contextFactory">Creates a context per operation (register it with <c>AddDbContextFactory</c>).</param>
    public EntityFrameworkCoreInvitationStore(IDbContextFactory<TContext> contextFactory)
        : this(contextFactory, new EphemeralDataProtectionProvider())
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="contextFactory">Creates a context per operation (register it with <c>AddDbContextFactory</c>).</param>
    /// <param name="dataProtection">
    /// The host's Data Protection (<c>services.AddDataProtection()</c>, with the key storage and key encryption the host
    /// chose). A queued message holds the invitation link; it is encrypted under the purpose
    /// <c>Invitations.EntityFrameworkCore.OutboxMessage.v1</c> before it is written, so the database only ever holds
    /// ciphertext. Every instance that dispatches from one database must share the key ring.
    /// </param>
    public EntityFrameworkCoreInvitationStore(IDbContextFactory<TContext> contextFactory, IDataProtectionProvider dataProtection)
    {
        _contextFactory = contextFactory ?? throw new ArgumentNullException(nameof(contextFactory));
        _protector = new OutboxPayloadProtector(dataProtection ?? throw new ArgumentNullException(nameof(dataProtection)));
        _writers = new WriterSessions<TContext>(contextFactory);
    }

    /// <summary>
    /// Closes the writer connection the store keeps open on SQLite (see the class remarks), waiting up to 5 seconds for a
    /// write in flight. Writes after it open a connection each.
    /// </summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public ValueTask DisposeAsync() => _writers.DisposeAsync();

    /// <summary>Closes the writer connection the store keeps open on SQLite (see the class remarks).</summary>
    public void Dispose() => _writers.Dispose();

    /// <summary>How many rows the store keeps from its last reads (<see cref="RecentRows"/>), for tests.</summary>
    internal int RememberedRows => _recent.Count;

    /// <inheritdoc />
    public async ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) =>
        (await CreateAsync(invitation, outbox, lease: null, cancellationToken).ConfigureAwait(false)).Status;

    /// <inheritdoc />
    /// <remarks>The items are inserted already leased: leasing costs no statement.</remarks>
    public ValueTask<LeasedWriteResult> CreateLeasedAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, OutboxLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return CreateAsync(invitation, outbox, lease, cancellationToken);
    }

    /// <summary>A single creation is a batch of one (see <see cref="CreateManyAsync"/>): two statements in one transaction on SQLite and PostgreSQL.</summary>
    private async ValueTask<LeasedWriteResult> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(outbox);
        return (await CreateManyAsync([new InvitationCreation(invitation, outbox)], lease, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>The portable creation: SaveChanges of the rows, a unique violation classified (or probed) afterwards.</summary>
    private async Task<LeasedWriteResult> SaveChangesCreateAsync(
        TContext context, StoreProvider provider, InvitationData invitation, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, CancellationToken ct)
    {
        context.ChangeTracker.Clear();
        context.Add(RowMapper.ToRow(invitation));

        // A new invitation has no earlier items: every item that heads its kind in this write can be leased.
        var leased = AddOutbox(context, outbox, lease);
        try
        {
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
            return new LeasedWriteResult(StoreWriteStatus.Saved, leased);
        }
        catch (DbUpdateException ex) when (!provider.IsTransient(ex))
        {
            var violation = provider.ClassifyUniqueViolation(ex);
            var result = violation switch
            {
                UniqueViolation.InvitationId => StoreWriteStatus.DuplicateId,
                UniqueViolation.PendingRecipientKey => StoreWriteStatus.DuplicatePending,
                UniqueViolation.IdempotencyKey => StoreWriteStatus.DuplicateIdempotencyKey,
                UniqueViolation.Unknown or UniqueViolation.OutboxSequence => await ProbeCreateConflictAsync(invitation, ct).ConfigureAwait(false),
                _ => null,
            };
            return result is { } status
                ? new LeasedWriteResult(status, [])
                : throw new InvalidOperationException("The invitation could not be saved.", ex);
        }
    }

    /// <summary>
    /// Adds the items' rows; with a lease, the first item of each kind and lane (by sequence) is inserted leased to it, unless
    /// <paramref name="leaseNone"/> (an earlier item of the invitation is still pending). Returns the leased items.
    /// </summary>
    private List<OutboxItem> AddOutbox(TContext context, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, bool leaseNone = false)
    {
        var (stored, leased) = StageOutbox(outbox, lease, leaseNone);
        foreach (var item in stored)
        {
            context.Add(RowMapper.ToRow(item, _protector));
        }

        return leased;
    }

    /// <inheritdoc />
    public async ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken) =>
        (await UpdateAsync(invitation, expectedVersion, outbox, lease: null, cancellationToken).ConfigureAwait(false)).Status;

    /// <inheritdoc />
    /// <remarks>
    /// On SQLite and PostgreSQL the version guard's UPDATE also returns how many of the invitation's items are still
    /// pending; when none is, the new items are inserted already leased, so leasing costs no statement. Otherwise (and on
    /// other providers) nothing is leased.
    /// </remarks>
    public ValueTask<LeasedWriteResult> UpdateLeasedAsync(
        InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return UpdateAsync(invitation, expectedVersion, outbox, lease, cancellationToken);
    }

    private ValueTask<LeasedWriteResult> UpdateAsync(
        InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, OutboxLease? lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(outbox);
        return RunAsync(
            (context, provider, ct) => provider.UpdatesReturning
                ? UpdateReturningAsync(context, provider, invitation, expectedVersion, outbox, lease, ct)
                : InVersionGuardAsync(context, provider, invitation.Id.Value, expectedVersion, async (pending, ct) =>
            {
                var entry = context.Attach(RowMapper.ToRow(invitation));
                entry.State = EntityState.Modified;
                entry.Property(r => r.Version).OriginalValue = expectedVersion;
                var leased = AddOutbox(context, outbox, lease, leaseNone: pending != 0);
                try
                {
                    await context.SaveChangesAsync(ct).ConfigureAwait(false);
                    return new LeasedWriteResult(StoreWriteStatus.Saved, leased);
                }
                catch (DbUpdateConcurrencyException)
                {
                    return Conflict;
                }
                catch (DbUpdateException ex) when (!provider.IsTransient(ex))
                {
                    var result = provider.ClassifyUniqueViolation(ex) switch
                    {
                        UniqueViolation.PendingRecipientKey => StoreWriteStatus.DuplicatePending,
                        UniqueViolation.IdempotencyKey => StoreWriteStatus.DuplicateIdempotencyKey,

                        // A concurrent writer of the same invitation already added items with these sequences.
                        UniqueViolation.OutboxSequence => StoreWriteStatus.ConcurrencyConflict,
                        UniqueViolation.Unknown => await ProbeUpdateConflictAsync(invitation, expectedVersion, ct).ConfigureAwait(false),
                        _ => (StoreWriteStatus?)null,
                    };
                    return result is { } status
                        ? new LeasedWriteResult(status, [])
                        : throw new InvalidOperationException("The invitation could not be saved.", ex);
                }
            }, ct),
            cancellationToken,
            write: true);
    }

    private static readonly LeasedWriteResult Conflict = new(StoreWriteStatus.ConcurrencyConflict, []);

    /// <summary>
    /// Runs an update only if the invitation is still at <paramref name="expectedVersion"/>, deciding that first with a
    /// conditional UPDATE of the row to itself in the update's own transaction (<see cref="StoreProvider.GuardAsync"/>,
    /// which also counts the invitation's pending items for the lease). A lost race (two clicks on "register") then ends
    /// in 0 rows and <see cref="StoreWriteStatus.ConcurrencyConflict"/>, instead of a failed SaveChanges that EF Core logs
    /// at Error with a stack trace (its outbox insert hit the winner's sequence first). The UPDATE also locks the row, so
    /// the winner's commit is waited for (PostgreSQL re-checks the version after it) and the save that follows cannot
    /// collide with it. SaveChanges sets no savepoint inside this transaction: a failed save rolls all of it back.
    /// </summary>
    private static async Task<LeasedWriteResult> InVersionGuardAsync(
        TContext context, StoreProvider provider, Guid id, long expectedVersion, Func<long, CancellationToken, Task<LeasedWriteResult>> update, CancellationToken cancellationToken)
    {
        if (System.Transactions.Transaction.Current is not null || context.Database.CurrentTransaction is not null)
        {
            // Inside the host's transaction: the host commits; the guard still decides first.
            return await provider.GuardAsync(context, id, expectedVersion, cancellationToken).ConfigureAwait(false) is { } inHost
                ? await update(inHost, cancellationToken).ConfigureAwait(false)
                : Conflict;
        }

        return await context.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                // A retrying execution strategy runs this again on the same context: start from nothing tracked.
                context.ChangeTracker.Clear();
                context.Database.AutoSavepointsEnabled = false;
                var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (await provider.GuardAsync(context, id, expectedVersion, ct).ConfigureAwait(false) is not { } pending)
                    {
                        return Conflict;
                    }

                    var result = await update(pending, ct).ConfigureAwait(false);
                    if (result.Status == StoreWriteStatus.Saved)
                    {
                        await transaction.CommitAsync(ct).ConfigureAwait(false);
                    }

                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken) =>
        FindOneAsync(static q => q.ById, nameof(InvitationRow.Id), id.Value, cancellationToken);

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return FindOneAsync(static q => q.ByTokenHash, nameof(InvitationRow.TokenHash), tokenHash, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        return FindOneAsync(static q => q.ByPendingRecipient, nameof(InvitationRow.PendingRecipientKey), recipientKey, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return FindOneAsync(static q => q.ByIdempotencyKey, nameof(InvitationRow.IdempotencyKey), idempotencyKey, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InvitationPage> QueryAsync(InvitationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "The limit must be between 1 and 1000.");
        }

        return RunAsync(
            async (context, _, ct) =>
            {
                var rows = Filter(context.Set<InvitationRow>().AsNoTracking(), query);
                var page = await rows
                    .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
                    .Take(query.Limit + 1)
                    .ToListAsync(ct).ConfigureAwait(false);
                InvitationCursor? next = null;
                if (page.Count > query.Limit)
                {
                    page.RemoveAt(page.Count - 1);
                    var last = page[^1];
                    next = new InvitationCursor(last.CreatedAt, new InvitationId(last.Id));
                }

                return new InvitationPage(page.ConvertAll(RowMapper.ToData), next);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> CountCreatedByAsync(string invitedById, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitedById);
        return RunAsync(
            (context, _, ct) => context.Set<InvitationRow>()
                .CountAsync(r => r.InvitedById == invitedById && r.CreatedAt >= since, ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken)
    {
        var key = id.Value;
        return RunAsync<IReadOnlyList<InvitationFact>>(
            async (context, _, ct) =>
            {
                var rows = await context.Set<OutboxRow>().AsNoTracking()
                    .Where(r => r.InvitationId == key && r.Kind == (int)OutboxItemKind.Fact && r.Payload != null)
                    .OrderBy(r => r.Sequence)
                    .Select(r => new { r.Sequence, r.Payload })
                    .ToListAsync(ct).ConfigureAwait(false);

                // A fact saved for several receivers has one row per lane, all with the fact's sequence: list it once.
                var facts = new List<InvitationFact>(rows.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    if (i == 0 || rows[i].Sequence != rows[i - 1].Sequence)
                    {
                        facts.Add(InvitationJson.DeserializeFact(rows[i].Payload!));
                    }
                }

                return facts;
            },
            cancellationToken);
    }

    private static IQueryable<InvitationRow> Filter(IQueryable<InvitationRow> rows, InvitationQuery query)
    {
        var asOf = query.AsOf;
        if (query.State is { } state)
        {
            const int initiated = (int)InvitationState.Initiated;
            const int reinitiated = (int)InvitationState.Reinitiated;
            var s = (int)state;
            rows = state switch
            {
                InvitationState.Initiated or InvitationState.Reinitiated => rows.Where(r => r.State == s && r.ExpiresAt > asOf),
                InvitationState.Expired => rows.Where(r => r.State == s
                    || ((r.State == initiated || r.State == reinitiated) && r.ExpiresAt <= asOf)),
                _ => rows.Where(r => r.State == s),
            };
        }

        if (query.Email is { } email)
        {
            // Case-insensitive like invite, erasure and same-e-mail accept: addresses are ASCII (the domain as
            // punycode), where SQL lower() on every provider and ToLowerInvariant agree.
            var lower = email.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // string.ToLower() in the query is translated to SQL lower(): no .NET culture is involved.
            rows = rows.Where(r => r.Email == email || (r.Email != null && r.Email.ToLower() == lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (query.InvitedById is { } invitedBy)
        {
            rows = rows.Where(r => r.InvitedById == invitedBy);
        }

        if (query.OrganizationId is { } organization)
        {
            rows = rows.Where(r => r.OrganizationId == organization);
        }

        if (query.CreatedFrom is { } from)
        {
            rows = rows.Where(r => r.CreatedAt >= from);
        }

        if (query.CreatedBefore is { } before)
        {
            rows = rows.Where(r => r.CreatedAt < before);
        }

        if (query.After is { } after)
        {
            var createdAt = after.CreatedAt;
            var id = after.Id.Value;
            rows = rows.Where(r => r.CreatedAt > createdAt || (r.CreatedAt == createdAt && r.Id.CompareTo(id) > 0));
        }

        return rows;
    }

    /// <summary>
    /// One invitation by a unique column: on SQLite and PostgreSQL a raw <c>SELECT ... LIMIT 1</c> read straight into the
    /// row (<see cref="StoreStatements.ReadOneAsync"/>; on SQLite on the idle writer connection when its gate is free at
    /// once, the statement prepared there); elsewhere the compiled query.
    /// </summary>
    private ValueTask<InvitationData?> FindOneAsync<TKey>(
        Func<CompiledLookups, Func<TContext, TKey, CancellationToken, Task<InvitationRow?>>> query, string column, TKey key, CancellationToken cancellationToken)
        where TKey : notnull =>
        RunAsync(
            async (context, provider, ct) =>
            {
                var mark = _recent.Mark;
                InvitationRow? row;
                if (provider.RawLookups)
                {
                    var rows = RowSql<InvitationRow>.For(context);
                    row = await StoreStatements.ReadOneAsync(context, rows, rows.SelectOneWhere(column), () =>
                    {
                        using var factory = rows.ParameterFactory(context);
                        return rows.Parameter(factory, column, "@v", key);
                    }, ct).ConfigureAwait(false);
                }
                else
                {
                    row = await query(CompiledLookups.For(context))(context, key, ct).ConfigureAwait(false);
                }

                if (row is null)
                {
                    return null;
                }

                _recent.Remember(context.Model, row, mark);
                return RowMapper.ToData(row);
            },
            cancellationToken,
            onIdleWriter: true);

    private async ValueTask<StoreWriteStatus?> ProbeCreateConflictAsync(InvitationData invitation, CancellationToken cancellationToken)
    {
        var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var rows = context.Set<InvitationRow>();
            var id = invitation.Id.Value;
            if (await rows.AnyAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false))
            {
                return StoreWriteStatus.DuplicateId;
            }

            if (invitation.IdempotencyKey is { } key
                && await rows.AnyAsync(r => r.IdempotencyKey == key, cancellationToken).ConfigureAwait(false))
            {
                return StoreWriteStatus.DuplicateIdempotencyKey;
            }

            if (RowMapper.IsPending(invitation.State)
                && await rows.AnyAsync(r => r.PendingRecipientKey == invitation.RecipientKey, cancellationToken).ConfigureAwait(false))
            {
                return StoreWriteStatus.DuplicatePending;
            }

            return null;
        }
    }

    private async ValueTask<StoreWriteStatus?> ProbeUpdateConflictAsync(InvitationData invitation, long expectedVersion, CancellationToken cancellationToken)
    {
        var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var rows = context.Set<InvitationRow>();
            var id = invitation.Id.Value;
            if (!await rows.AnyAsync(r => r.Id == id && r.Version == expectedVersion, cancellationToken).ConfigureAwait(false))
            {
                return StoreWriteStatus.ConcurrencyConflict;
            }

            if (invitation.IdempotencyKey is { } key
                && await rows.AnyAsync(r => r.IdempotencyKey == key && r.Id != id, cancellationToken).ConfigureAwait(false))
            {
                return StoreWriteStatus.DuplicateIdempotencyKey;
            }

            if (RowMapper.IsPending(invitation.State)
                && await rows.AnyAsync(r => r.PendingRecipientKey == invitation.RecipientKey && r.Id != id, cancellationToken).ConfigureAwait(false))
            {
                return StoreWriteStatus.DuplicatePending;
            }

            return null;
        }
    }

    /// <summary>
    /// Runs an operation on a fresh context, retrying it whole on transient provider errors (a busy SQLite file, a
    /// PostgreSQL serialization failure). A write on SQLite runs on the store's writer session (its connection kept open,
    /// its statements prepared once) under the database's write gate; after a failure the session is kept only if it is
    /// still healthy (see <see cref="WriterSessions{TContext}.AfterFailureAsync"/>).
    /// </summary>
    /// <param name="operation">The operation, given the context to use.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <param name="write">Whether the operation writes (it waits for the write gate and runs on the writer session).</param>
    /// <param name="onIdleWriter">
    /// A read that runs on the writer session when the write gate is free at once (a lookup on SQLite: no connection
    /// to open, its statement prepared), else on a fresh context as any read.
    /// </param>
    private async ValueTask<T> RunAsync<T>(Func<TContext, StoreProvider, CancellationToken, Task<T>> operation, CancellationToken cancellationToken, bool write = false, bool onIdleWriter = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                var provider = StoreProvider.For(context);
                var gate = write ? await provider.EnterWriteAsync(context, cancellationToken).ConfigureAwait(false)
                    : onIdleWriter && provider.KeepsWriterOpen ? provider.TryEnterWrite(context) : null;
                try
                {
                    var session = gate is not null && provider.KeepsWriterOpen ? await _writers.GetAsync(context, cancellationToken).ConfigureAwait(false) : null;
                    if (!write && session is null && gate is not null)
                    {
                        // A read that cannot use the writer (store disposed, an ambient transaction) must not hold writers up.
                        gate.Dispose();
                        gate = null;
                    }

                    try
                    {
                        return await operation(session is null ? context : (TContext)session.Context, provider, cancellationToken).ConfigureAwait(false);
                    }
                    catch when (session is not null)
                    {
                        await _writers.AfterFailureAsync(session, forgetPrepared: write).ConfigureAwait(false);
                        throw;
                    }
                    finally
                    {
                        if (session is { IsDisposed: false })
                        {
                            session.Context.ChangeTracker.Clear();
                            if (!session.IsHealthy)
                            {
                                await _writers.DiscardAsync(session).ConfigureAwait(false);
                            }
                        }
                    }
                }
                catch (Exception ex) when (attempt < MaxAttempts && provider.IsTransient(ex))
                {
                    // fall through to retry with a new context
                }
                finally
                {
                    gate?.Dispose();
                }
            }

            // A contention backoff between database attempts waits real time, even under a host's fake clock: the
            // competing transaction finishes in real time, and a fake clock that is never advanced would hang the write.
            await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt * attempt), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The lookups of the invite and accept paths, compiled once per model: a LINQ query is otherwise re-walked for
    /// its parameters and looked up in the query cache on every call. A compiled query serves one model only, and
    /// one context type may have several (another provider, another schema), hence one set per model.
    /// </summary>
    private sealed class CompiledLookups
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, CompiledLookups> ByModel = [];

        public Func<TContext, Guid, CancellationToken, Task<InvitationRow?>> ById { get; } =
            EF.CompileAsyncQuery((TContext context, Guid id, CancellationToken _) =>
                context.Set<InvitationRow>().AsNoTracking().FirstOrDefault(r => r.Id == id));

        public Func<TContext, byte[], CancellationToken, Task<InvitationRow?>> ByTokenHash { get; } =
            EF.CompileAsyncQuery((TContext context, byte[] hash, CancellationToken _) =>
                context.Set<InvitationRow>().AsNoTracking().FirstOrDefault(r => r.TokenHash == hash));

        public Func<TContext, string, CancellationToken, Task<InvitationRow?>> ByPendingRecipient { get; } =
            EF.CompileAsyncQuery((TContext context, string key, CancellationToken _) =>
                context.Set<InvitationRow>().AsNoTracking().FirstOrDefault(r => r.PendingRecipientKey == key));

        public Func<TContext, string, CancellationToken, Task<InvitationRow?>> ByIdempotencyKey { get; } =
            EF.CompileAsyncQuery((TContext context, string key, CancellationToken _) =>
                context.Set<InvitationRow>().AsNoTracking().FirstOrDefault(r => r.IdempotencyKey == key));

        public static CompiledLookups For(TContext context) => ByModel.GetValue(context.Model, static _ => new CompiledLookups());
    }
}
