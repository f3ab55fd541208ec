using Microsoft.AspNetCore.DataProtection;
using System.Collections.Concurrent;
using System.Data.Common;
using Invitations.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// On a real SQLite file: which <c>PRAGMA synchronous</c> level each store write actually runs at. Every write, invitation
/// writes and outbox bookkeeping alike, keeps the connection's own level (FULL, SQLite's default, or what the host set when
/// it opened the connection): the store toggles no pragma per operation (issue 14). Statements prepared on the store's
/// writer connection run past EF Core's command interceptors, so SQLite's own trace is the record of what ran.
/// </summary>
public sealed class SqliteDurabilityTests
{
    private const string Full = "2";
    private static readonly Instant T = Instant.FromUtc(2031, 5, 1, 9, 0);

    [Fact]
    public async Task Every_write_runs_at_the_connections_own_level_in_wal_mode()
    {
        await using var file = await SqliteFile.CreateAsync(wal: true);
        var (invitation, store) = (Invitation(), file.Store);
        var items = new[] { OutboxTestData.FactItem(invitation, 1, T), OutboxTestData.MessageItem(invitation, 1, T) };
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, items, default));

        var claimed = await store.ClaimOutboxAsync(Claim("d1"), default);
        Assert.Equal(2, claimed.Count);
        Assert.True(await store.CompleteOutboxAsync(claimed[0].Id, "d1", T, default));
        Assert.True(await store.ReleaseOutboxAsync(claimed[1].Id, "d1", T, "busy", default));
        var again = Assert.Single(await store.ClaimOutboxAsync(Claim("d2"), default));
        Assert.True(await store.FailOutboxAsync(again.Id, "d2", T, "gone", default));

        var accepted = invitation with { Version = 2, State = InvitationState.Accepted, ClosedAt = T, UpdatedAt = T, FactSequence = 2 };
        Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(accepted, 1, [OutboxTestData.FactItem(accepted, 2, T, FactTypes.InviteAccepted)], default));
        Assert.Equal(1 + 2 + 1, await store.EraseAsync(invitation.Id, default));

        // The statements SQLite ran (its own trace, which also sees those prepared on the store's writer connection past
        // EF Core): every write is there and no statement changed the level, so each ran at the level the connection opened with.
        var statements = file.Log.Take();
        Assert.DoesNotContain(statements, SetsSynchronous);
        Assert.Equal(2 + 3, statements.Count(s => s.Contains("UPDATE \"invitation_outbox\"", StringComparison.OrdinalIgnoreCase))); // two claims, complete, release, fail
        Assert.Contains(statements, s => s.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(statements, s => s.StartsWith("UPDATE \"invitations\"", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(statements, s => s.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));

        // And the writes EF Core runs itself (claims, erasure), probed at the moment they run, are at FULL. They run on
        // the same writer connection as the prepared statements, and nothing changed the level between them.
        var seen = file.Recorder.Seen;
        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.Equal(Full, s.Level));

        Assert.Equal(2, await file.PooledLevelAsync());
    }

    [Fact]
    public async Task Outbox_bookkeeping_keeps_full_when_the_file_is_not_in_wal_mode()
    {
        await using var file = await SqliteFile.CreateAsync(wal: false);
        var invitation = Invitation();
        Assert.Equal(StoreWriteStatus.Saved, await file.Store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1, T)], default));
        var item = Assert.Single(await file.Store.ClaimOutboxAsync(Claim("d1"), default));
        Assert.True(await file.Store.CompleteOutboxAsync(item.Id, "d1", T, default));

        var statements = file.Log.Take();
        Assert.DoesNotContain(statements, SetsSynchronous);
        Assert.Equal(2, statements.Count(s => s.Contains("UPDATE \"invitation_outbox\"", StringComparison.OrdinalIgnoreCase)));
        Assert.All(file.Recorder.Seen, s => Assert.Equal(Full, s.Level));
    }

    [Fact]
    public async Task A_connection_the_host_runs_below_full_is_left_as_the_host_set_it()
    {
        await using var file = await SqliteFile.CreateAsync(wal: true, hostLevel: "OFF");
        var invitation = Invitation();
        Assert.Equal(StoreWriteStatus.Saved, await file.Store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1, T)], default));
        var item = Assert.Single(await file.Store.ClaimOutboxAsync(Claim("d1"), default));
        Assert.True(await file.Store.CompleteOutboxAsync(item.Id, "d1", T, default));

        // Only the host's own setting, made when a connection opens (the writer connection's included); the writes
        // themselves change nothing.
        var sets = file.Log.Take().Where(SetsSynchronous).ToList();
        Assert.NotEmpty(sets);
        Assert.All(sets, s => Assert.Equal("PRAGMA synchronous = OFF", s));
        var updates = file.Recorder.Seen.Where(s => s.Sql.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, s => Assert.Equal("0", s.Level));
    }

    private static bool SetsSynchronous(string statement) =>
        System.Text.RegularExpressions.Regex.IsMatch(statement, @"PRAGMA\s+(\w+\.)?synchronous\s*[=(]", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    internal static OutboxClaim Claim(string owner) => new() { Owner = owner, MaxItems = 10, LeaseDuration = Duration.FromMinutes(5), Now = T };

    internal static InvitationData Invitation() => EfTestData.Invitation($"durable.{Guid.NewGuid():N}@example.org");

    /// <summary>Records, for every command the store runs through EF Core, the connection's durability setting at that moment (<paramref name="probe"/>).</summary>
    internal sealed class LevelRecorder(string probe = "PRAGMA synchronous") : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<(string Sql, string Level)> _seen = new();

        public IReadOnlyList<(string Sql, string Level)> Seen => [.. _seen];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            var sql = command.CommandText.Trim();
            if (!sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
                && !sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                && !sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
                && !sql.StartsWith("WITH", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            using var level = command.Connection!.CreateCommand();
            level.Transaction = command.Transaction;
            level.CommandText = probe;
            _seen.Enqueue((sql, Convert.ToString(level.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!));
        }
    }

    /// <summary>Sets the host's own level on every connection it opens, as a host's interceptor would.</summary>
    private sealed class HostLevel(string level) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Set(connection);
            return Task.CompletedTask;
        }

        private void Set(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous = {level}";
            command.ExecuteNonQuery();
        }
    }

    private sealed class SqliteFile : IAsyncDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-efcore-tests", Guid.NewGuid().ToString("N"));
        private ServiceProvider? _services;

        public LevelRecorder Recorder { get; } = new();

        public Statements.StatementLog Log { get; } = new();

        public IInvitationStore Store => _services!.GetRequiredService<IInvitationStore>();

        public static async Task<SqliteFile> CreateAsync(bool wal, string? hostLevel = null)
        {
            var file = new SqliteFile();
            Directory.CreateDirectory(file._directory);
            var connectionString = $"Data Source={Path.Combine(file._directory, "invitations.db")};Pooling=True";
            var services = new ServiceCollection();
            services.AddDataProtection().UseEphemeralDataProtectionProvider(); // no key ring in the user profile
            new InvitationsBuilder(services).UseEntityFrameworkCore(o =>
            {
                // The log first: it installs SQLite's trace when a connection opens, before the host's interceptor runs.
                o.UseSqlite(connectionString).AddInterceptors(file.Log, file.Recorder);
                if (hostLevel is not null)
                {
                    o.AddInterceptors(new HostLevel(hostLevel));
                }
            });
            file._services = services.BuildServiceProvider();
            await using var context = await file.Contexts().CreateDbContextAsync();
            if (wal)
            {
                await context.Database.EnsureInvitationsSchemaAsync();
            }
            else
            {
                // EF Core creates SQLite files in WAL mode: switch this one back to a rollback journal.
                await context.Database.EnsureCreatedAsync();
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = DELETE;");
            }

            return file;
        }

        /// <summary>The level of a connection taken from the pool after the store's writes.</summary>
        public async Task<long> PooledLevelAsync()
        {
            await using var context = await Contexts().CreateDbContextAsync();
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            if (_services is not null)
            {
                await _services.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private IDbContextFactory<InvitationsDbContext> Contexts() => _services!.GetRequiredService<IDbContextFactory<InvitationsDbContext>>();
    }
}
