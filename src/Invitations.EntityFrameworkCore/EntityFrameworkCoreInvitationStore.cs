using Invitations.EntityFrameworkCore;
using Invitations.EntityFrameworkCore.Providers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations;

/// <summary>
/// An <see cref="IInvitationStore"/> on Entity Framework Core. It is a singleton that creates a new
/// <typeparamref name="TContext"/> per operation through <see cref="IDbContextFactory{TContext}"/>; the
/// context's model must include <see cref="InvitationsModelBuilderExtensions.ApplyInvitationsModel"/>.
/// Tested on SQLite (the embedded default) and PostgreSQL (many app instances); other relational
/// providers use a portable conditional-UPDATE outbox claim.
/// </summary>
/// <remarks>
/// <para>
/// Durability. Creating, updating, erasing and purging invitations (each with its facts and messages) commit
/// durably at the connection's own setting: SQLite's default <c>PRAGMA synchronous = FULL</c>, PostgreSQL's
/// <c>synchronous_commit</c>. So an invitation is on stable storage before its message can be sent.
/// </para>
/// <para>
/// Completing, releasing and failing an outbox item (and, on SQLite, leasing one) commit without waiting for the
/// disk: on SQLite in WAL mode (what <see cref="InvitationsSchemaExtensions.EnsureInvitationsSchemaAsync"/> and EF Core
/// create) at <c>PRAGMA synchronous = NORMAL</c>, restored to the connection's level before the connection returns to
/// the pool; on PostgreSQL with <c>SET LOCAL synchronous_commit = off</c> in that write's own transaction. Such a
/// commit is atomic and never corrupts the database. It can be undone: on SQLite by an operating-system crash or
/// power cut (every relaxed commit since the last durable commit or checkpoint), on PostgreSQL also by a crash of
/// the database server (the last few hundred milliseconds); a crash of the host's process undoes nothing. An undone
/// commit only delivers its item again under the same id, exactly as if the dispatcher had crashed just before
/// recording it: at-least-once delivery. Fact receivers dedupe on the id; a message may reach the invitee twice.
/// The next durable commit makes them durable too. A SQLite file not in WAL mode, a connection the host already
/// runs below FULL, or a call inside the host's own transaction is left as it is. PostgreSQL leases stay
/// synchronous, because dispatchers on other machines outlive a database crash.
/// </para>
/// </remarks>
/// <typeparam name="TContext">The host's context type.</typeparam>
public sealed partial class EntityFrameworkCoreInvitationStore<TContext> : IInvitationStore
    where TContext : DbContext
{
    private const int MaxAttempts = 8;
    private readonly IDbContextFactory<TContext> _contextFactory;
    private readonly OutboxPayloadProtector _protector;

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
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteStatus> CreateAsync(InvitationData invitation, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(outbox);
        return RunAsync(
            async (context, provider, ct) =>
            {
                context.Add(RowMapper.ToRow(invitation));
                foreach (var item in outbox)
                {
                    context.Add(RowMapper.ToRow(item, _protector));
                }

                try
                {
                    await context.SaveChangesAsync(ct).ConfigureAwait(false);
                    return StoreWriteStatus.Saved;
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
                    return result ?? throw new InvalidOperationException("The invitation could not be saved.", ex);
                }
            },
            cancellationToken,
            write: true);
    }

    /// <inheritdoc />
    public ValueTask<StoreWriteStatus> UpdateAsync(InvitationData invitation, long expectedVersion, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(outbox);
        return RunAsync(
            (context, provider, ct) => InVersionGuardAsync(context, invitation.Id.Value, expectedVersion, async ct =>
            {
                var entry = context.Attach(RowMapper.ToRow(invitation));
                entry.State = EntityState.Modified;
                entry.Property(r => r.Version).OriginalValue = expectedVersion;
                foreach (var item in outbox)
                {
                    context.Add(RowMapper.ToRow(item, _protector));
                }

                try
                {
                    await context.SaveChangesAsync(ct).ConfigureAwait(false);
                    return StoreWriteStatus.Saved;
                }
                catch (DbUpdateConcurrencyException)
                {
                    return StoreWriteStatus.ConcurrencyConflict;
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
                    return result ?? throw new InvalidOperationException("The invitation could not be saved.", ex);
                }
            }, ct),
            cancellationToken,
            write: true);
    }

    /// <summary>
    /// Runs an update only if the invitation is still at <paramref name="expectedVersion"/>, deciding that first with a
    /// conditional UPDATE of the row to itself in the update's own transaction. A lost race (two clicks on "register")
    /// then ends in 0 rows and <see cref="StoreWriteStatus.ConcurrencyConflict"/>, instead of a failed SaveChanges that
    /// EF Core logs at Error with a stack trace (its outbox insert hit the winner's sequence first). The UPDATE also
    /// locks the row, so the winner's commit is waited for (PostgreSQL re-checks the version after it) and the save
    /// that follows cannot collide with it.
    /// </summary>
    private static async Task<StoreWriteStatus> InVersionGuardAsync(
        TContext context, Guid id, long expectedVersion, Func<CancellationToken, Task<StoreWriteStatus>> update, CancellationToken cancellationToken)
    {
        if (System.Transactions.Transaction.Current is not null || context.Database.CurrentTransaction is not null)
        {
            // Inside the host's transaction: the host commits; the guard still decides first.
            return await GuardAsync(context, id, expectedVersion, cancellationToken).ConfigureAwait(false)
                ? await update(cancellationToken).ConfigureAwait(false)
                : StoreWriteStatus.ConcurrencyConflict;
        }

        return await context.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                // A retrying execution strategy runs this again on the same context: start from nothing tracked.
                context.ChangeTracker.Clear();
                var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (!await GuardAsync(context, id, expectedVersion, ct).ConfigureAwait(false))
                    {
                        return StoreWriteStatus.ConcurrencyConflict;
                    }

                    var result = await update(ct).ConfigureAwait(false);
                    if (result == StoreWriteStatus.Saved)
                    {
                        await transaction.CommitAsync(ct).ConfigureAwait(false);
                    }

                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);

        static async Task<bool> GuardAsync(TContext context, Guid id, long expectedVersion, CancellationToken ct) =>
            await context.Set<InvitationRow>()
                .Where(r => r.Id == id && r.Version == expectedVersion)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, expectedVersion), ct).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindAsync(InvitationId id, CancellationToken cancellationToken) =>
        FindOneAsync(static q => q.ById, id.Value, cancellationToken);

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return FindOneAsync(static q => q.ByTokenHash, tokenHash, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindPendingByRecipientAsync(string recipientKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        return FindOneAsync(static q => q.ByPendingRecipient, recipientKey, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<InvitationData?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return FindOneAsync(static q => q.ByIdempotencyKey, idempotencyKey, cancellationToken);
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
                    .Select(r => r.Payload!)
                    .ToListAsync(ct).ConfigureAwait(false);
                return rows.ConvertAll(InvitationJson.DeserializeFact);
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

    private ValueTask<InvitationData?> FindOneAsync<TKey>(Func<CompiledLookups, Func<TContext, TKey, CancellationToken, Task<InvitationRow?>>> query, TKey key, CancellationToken cancellationToken) =>
        RunAsync(
            async (context, _, ct) =>
            {
                var row = await query(CompiledLookups.For(context))(context, key, ct).ConfigureAwait(false);
                return row is null ? null : RowMapper.ToData(row);
            },
            cancellationToken);

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

    /// <summary>Runs an operation on a fresh context, retrying it whole on transient provider errors (a busy SQLite file, a PostgreSQL serialization failure).</summary>
    private async ValueTask<T> RunAsync<T>(Func<TContext, StoreProvider, CancellationToken, Task<T>> operation, CancellationToken cancellationToken, bool write = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var context = await _contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                var provider = StoreProvider.For(context);
                var gate = write ? await provider.EnterWriteAsync(context, cancellationToken).ConfigureAwait(false) : null;
                try
                {
                    return await operation(context, provider, cancellationToken).ConfigureAwait(false);
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
