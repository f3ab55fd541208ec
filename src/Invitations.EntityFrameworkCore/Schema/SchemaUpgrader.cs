using Invitations.EntityFrameworkCore.Schema.Steps;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Schema;

/// <summary>
/// Applies the <see cref="SchemaSteps"/> a database has not had yet, in order, each once, in its own transaction that
/// also records it in <c>invitations_schema_version</c>. Two instances starting at once do not both apply a step: on
/// PostgreSQL each step's transaction first takes a transaction-scoped advisory lock, on SQLite the transaction is
/// <c>BEGIN IMMEDIATE</c> (one writer per file); the step's version is checked again under the lock.
/// </summary>
internal static class SchemaUpgrader
{
    /// <summary>The table that records the applied steps.</summary>
    public const string VersionTable = "invitations_schema_version";

    /// <summary>The PostgreSQL advisory lock key of schema upgrades ("Invites1" in ASCII).</summary>
    private const long AdvisoryLockKey = 0x496E_7669_7465_7331;

    /// <summary>Applies the missing steps; returns how many rows the data steps rewrote.</summary>
    public static async Task<int> UpgradeAsync(DbContext context, CancellationToken cancellationToken)
    {
        var target = new SchemaTarget(context);
        if (!target.IsPostgres && !target.IsSqlite)
        {
            // Other providers: the host's migrations own the schema; the data step runs as it did before versioning.
            return await Step0002RecipientKeys.ApplyAsync(target, cancellationToken).ConfigureAwait(false);
        }

        await EnsureVersionTableAsync(target, cancellationToken).ConfigureAwait(false);
        var applied = await AppliedAsync(target, cancellationToken).ConfigureAwait(false);
        var rewritten = 0;
        foreach (var step in SchemaSteps.All)
        {
            if (!applied.Contains(step.Version))
            {
                rewritten += await ApplyOnceAsync(target, step, cancellationToken).ConfigureAwait(false);
            }
        }

        return rewritten;
    }

    /// <summary>Records every step as applied: the database was just created from the current model, which holds them all.</summary>
    public static async Task MarkAllAppliedAsync(DbContext context, CancellationToken cancellationToken)
    {
        var target = new SchemaTarget(context);
        if (!target.IsPostgres && !target.IsSqlite)
        {
            return;
        }

        await EnsureVersionTableAsync(target, cancellationToken).ConfigureAwait(false);
        await InLockedTransactionAsync(
            target,
            async ct =>
            {
                var applied = await AppliedAsync(target, ct).ConfigureAwait(false);
                foreach (var step in SchemaSteps.All.Where(s => !applied.Contains(s.Version)))
                {
                    await RecordAsync(target, step, ct).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The versions recorded as applied.</summary>
    public static async Task<HashSet<int>> AppliedAsync(DbContext context, CancellationToken cancellationToken) =>
        await AppliedAsync(new SchemaTarget(context), cancellationToken).ConfigureAwait(false);

    private static async Task<int> ApplyOnceAsync(SchemaTarget target, SchemaStep step, CancellationToken cancellationToken) =>
        await InLockedTransactionAsync(
            target,
            async ct =>
            {
                // Another instance may have applied it while this one waited for the lock.
                if ((await AppliedAsync(target, ct).ConfigureAwait(false)).Contains(step.Version))
                {
                    return 0;
                }

                var changed = await step.Apply(target, ct).ConfigureAwait(false);
                await RecordAsync(target, step, ct).ConfigureAwait(false);
                return changed;
            },
            cancellationToken).ConfigureAwait(false);

    private static async Task EnsureVersionTableAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
        var table = target.Table(VersionTable);
        var ddl = target.IsPostgres
            ? $"CREATE TABLE IF NOT EXISTS {table} (version integer NOT NULL PRIMARY KEY, description varchar(200) NOT NULL, applied_at timestamptz NOT NULL)"
            : $"CREATE TABLE IF NOT EXISTS {table} (\"version\" INTEGER NOT NULL PRIMARY KEY, \"description\" TEXT NOT NULL, \"applied_at\" TEXT NOT NULL)";

        // PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin (a duplicate catalog row): under the lock.
        await InLockedTransactionAsync(target, ct => target.ExecuteAsync(ddl, ct), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<int>> AppliedAsync(SchemaTarget target, CancellationToken cancellationToken)
    {
#pragma warning disable EF1002 // Only the model's schema and a constant table name are interpolated.
        var versions = await target.Context.Database
            .SqlQueryRaw<int>($"SELECT {target.Sql.DelimitIdentifier("version")} AS {target.Sql.DelimitIdentifier("Value")} FROM {target.Table(VersionTable)}")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
        return versions.ToHashSet();
    }

    private static Task<int> RecordAsync(SchemaTarget target, SchemaStep step, CancellationToken cancellationToken) =>
#pragma warning disable EF1002 // Only the model's schema and a constant table name are interpolated; values are parameters.
        target.Context.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {target.Table(VersionTable)} (version, description, applied_at) VALUES ({{0}}, {{1}}, CURRENT_TIMESTAMP)",
            [step.Version, step.Description],
            cancellationToken);
#pragma warning restore EF1002

    /// <summary>Runs <paramref name="work"/> in a transaction that holds the upgrade lock, and commits it.</summary>
    private static async Task<int> InLockedTransactionAsync(SchemaTarget target, Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var database = target.Context.Database;
        return await database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                // SQLite: Microsoft.Data.Sqlite begins IMMEDIATE, which is the file's write lock.
                var transaction = await database.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (target.IsPostgres)
                    {
                        await database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct).ConfigureAwait(false);
                    }

                    var result = await work(ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
