using System.Collections.Concurrent;
using System.Data.Common;
using Invitations.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// On PostgreSQL the store's statements are prepared on the pooled server connections (issue 14): parsed and planned
/// once per server connection, not on every call, while EF Core's command pipeline still runs every execution (a
/// host's interceptors see them, and one that rewrites a statement gets it run as rewritten).
/// </summary>
public sealed class PostgresPreparedStatementTests
{
    private static readonly Instant T = EfTestData.T;

    [SkippableFact]
    public Task The_hot_paths_statements_are_prepared_once_on_the_server_connection_and_reused() => WithStoreAsync(interceptor: null, async (store, contexts, _) =>
    {
        await RoundAsync(store, givenName: "Jane");
        var first = await PreparedAsync(contexts);
        Assert.Contains(first.Keys, s => s.StartsWith("WITH i AS (INSERT INTO invitations", StringComparison.Ordinal));
        Assert.Contains(first.Keys, s => s.StartsWith("WITH u AS (UPDATE invitations", StringComparison.Ordinal));
        Assert.Contains(first.Keys, s => s.StartsWith("UPDATE invitation_outbox SET status", StringComparison.Ordinal));
        Assert.Contains(first.Keys, s => s.StartsWith("SELECT id,", StringComparison.Ordinal) && s.Contains("token_hash = $1", StringComparison.Ordinal));

        // Another round, with a null where the first had a value: the same prepared statements, none prepared again.
        await RoundAsync(store, givenName: null);
        var second = await PreparedAsync(contexts);
        foreach (var (statement, preparedAt) in first)
        {
            Assert.True(second.TryGetValue(statement, out var again), "no longer prepared: " + statement);
            Assert.Equal(preparedAt, again);
        }

        Assert.Equal(first.Count, second.Count);
    });

    [SkippableFact]
    public Task A_statement_a_host_interceptor_rewrites_runs_as_rewritten_and_the_writes_still_hold() => WithStoreAsync(new TaggingInterceptor(), async (store, contexts, interceptor) =>
    {
        var (created, updated) = await RoundAsync(store, givenName: "Jane");

        var tagged = Assert.IsType<TaggingInterceptor>(interceptor).Tagged;
        Assert.Contains(tagged, s => s.StartsWith("WITH i AS (INSERT INTO invitations", StringComparison.Ordinal));
        Assert.Contains(tagged, s => s.StartsWith("UPDATE invitation_outbox SET status", StringComparison.Ordinal));
        Assert.All(await store.ListFactsAsync(created.Id, default), f => Assert.Equal(created.Id, f.ObjectId));
        Assert.Equal(updated.Version, (await store.FindAsync(created.Id, default))!.Version);

        // Nothing the server prepared carries the host's tag: the rewritten statements ran unprepared.
        Assert.DoesNotContain((await PreparedAsync(contexts)).Keys, s => s.Contains(TaggingInterceptor.Tag, StringComparison.Ordinal));
    });

    /// <summary>Npgsql's multiplexing refuses explicit preparation: the store then runs its statements unprepared, and works.</summary>
    [SkippableFact]
    public Task With_multiplexing_the_statements_run_unprepared_and_every_write_holds() => WithStoreAsync(interceptor: null, async (store, contexts, _) =>
    {
        var (created, updated) = await RoundAsync(store, givenName: "Jane");
        await RoundAsync(store, givenName: null);
        Assert.Equal(updated.Version, (await store.FindAsync(created.Id, default))!.Version);
        Assert.Equal(2, (await store.ListFactsAsync(created.Id, default)).Count);
    }, multiplexing: true);

    /// <summary>One invitation created, looked up by its token, accepted, and its items completed: the statements of an invite and an accept.</summary>
    private static async Task<(InvitationData Created, InvitationData Updated)> RoundAsync(IInvitationStore store, string? givenName)
    {
        var invitation = SqliteDurabilityTests.Invitation() with { GivenName = givenName };
        var lease = new OutboxLease("inline", T + Duration.FromMinutes(2));
        var created = await store.CreateLeasedAsync(invitation, [OutboxTestData.FactItem(invitation, 1, T), OutboxTestData.MessageItem(invitation, 1, T)], lease, default);
        Assert.Equal(StoreWriteStatus.Saved, created.Status);
        Assert.Equal(2, await store.CompleteOutboxAsync([.. created.Leased.Select(i => i.Id)], "inline", T, default));

        var found = await store.FindByTokenHashAsync(invitation.TokenHash!, default);
        Assert.Equal(invitation.Id, found?.Id);
        var accepted = found! with { State = InvitationState.Accepted, Version = found.Version + 1, FactSequence = 2, UpdatedAt = T + Duration.FromMinutes(1) };
        var updated = await store.UpdateLeasedAsync(accepted, found.Version, [OutboxTestData.FactItem(accepted, 2, T)], lease, default);
        Assert.Equal(StoreWriteStatus.Saved, updated.Status);
        Assert.Equal(1, await store.CompleteOutboxAsync([.. updated.Leased.Select(i => i.Id)], "inline", T, default));
        return (invitation, accepted);
    }

    /// <summary>The statements prepared on the pool's one server connection, each with when it was prepared.</summary>
    private static async Task<Dictionary<string, DateTime>> PreparedAsync(IDbContextFactory<InvitationsDbContext> contexts)
    {
        await using var context = await contexts.CreateDbContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT statement, prepare_time FROM pg_prepared_statements";
        var prepared = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            prepared[reader.GetString(0)] = reader.GetDateTime(1);
        }

        return prepared;
    }

    /// <summary>Runs a test on a fresh database whose pool has one server connection, or reports why it cannot run here.</summary>
    private static async Task WithStoreAsync(
        IInterceptor? interceptor, Func<IInvitationStore, IDbContextFactory<InvitationsDbContext>, IInterceptor?, Task> test, bool multiplexing = false)
    {
        var database = new PostgresDatabase();
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        await database.InitializeAsync();
        try
        {
            var services = new ServiceCollection();
            var connectionString = new NpgsqlConnectionStringBuilder(database.TestConnectionString) { MaxPoolSize = 1, Multiplexing = multiplexing }.ConnectionString;
            services.AddDataProtection().UseEphemeralDataProtectionProvider(); // no key ring in the user profile
            new InvitationsBuilder(services).UseEntityFrameworkCore(o =>
            {
                o.UseNpgsql(connectionString);
                if (interceptor is not null)
                {
                    o.AddInterceptors(interceptor);
                }
            });
            await using var provider = services.BuildServiceProvider();
            await test(provider.GetRequiredService<IInvitationStore>(), provider.GetRequiredService<IDbContextFactory<InvitationsDbContext>>(), interceptor);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>A host interceptor that tags every statement of the store with a trailing comment once EF Core has made its command.</summary>
    private sealed class TaggingInterceptor : DbCommandInterceptor
    {
        public const string Tag = "-- tagged by the host";
        private readonly ConcurrentQueue<string> _tagged = new();

        public IReadOnlyList<string> Tagged => [.. _tagged];

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (result.CommandText.Contains("invitation", StringComparison.Ordinal))
            {
                _tagged.Enqueue(result.CommandText);
                result.CommandText += "\n" + Tag;
            }

            return result;
        }
    }
}
