using Microsoft.AspNetCore.DataProtection;
using Invitations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// On a real PostgreSQL database with the server's default <c>synchronous_commit = on</c>: invitation writes and claims
/// commit synchronously; completing, releasing and failing an item run with <c>synchronous_commit = off</c> in their
/// own transaction only.
/// </summary>
public sealed class PostgresDurabilityTests
{
    private static readonly Instant T = Instant.FromUtc(2031, 5, 1, 9, 0);

    [SkippableFact]
    public Task Only_outbox_bookkeeping_after_delivery_commits_asynchronously() => WithDatabaseAsync(async database =>
    {
        await using (var admin = new NpgsqlConnection(database.TestConnectionString))
        {
            await admin.OpenAsync();
            await using var reset = new NpgsqlCommand($"ALTER DATABASE \"{database.DatabaseName}\" RESET synchronous_commit", admin);
            await reset.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        var recorder = new SqliteDurabilityTests.LevelRecorder("SHOW synchronous_commit");
        var services = new ServiceCollection();
        var connectionString = database.TestConnectionString;
        services.AddDataProtection().UseEphemeralDataProtectionProvider(); // no key ring in the user profile
        new InvitationsBuilder(services).UseEntityFrameworkCore(o => o.UseNpgsql(connectionString).AddInterceptors(recorder));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IInvitationStore>();

        var invitation = SqliteDurabilityTests.Invitation();
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1, T), OutboxTestData.MessageItem(invitation, 1, T)], default));
        var claimed = await store.ClaimOutboxAsync(SqliteDurabilityTests.Claim("d1"), default);
        Assert.Equal(2, claimed.Count);
        Assert.True(await store.CompleteOutboxAsync(claimed[0].Id, "d1", T, default));
        Assert.True(await store.ReleaseOutboxAsync(claimed[1].Id, "d1", T, "busy", default));
        var again = Assert.Single(await store.ClaimOutboxAsync(SqliteDurabilityTests.Claim("d2"), default));
        Assert.True(await store.FailOutboxAsync(again.Id, "d2", T, "gone", default));

        var seen = recorder.Seen;
        var claims = seen.Where(s => s.Sql.StartsWith("WITH picked", StringComparison.Ordinal)).ToList();
        var bookkeeping = seen.Where(s => s.Sql.StartsWith("UPDATE", StringComparison.Ordinal) && s.Sql.Contains("invitation_outbox", StringComparison.Ordinal)).ToList();
        var inserts = seen.Where(s => s.Sql.Contains("INSERT", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, claims.Count);
        Assert.Equal(3, bookkeeping.Count);
        Assert.NotEmpty(inserts);
        Assert.All(claims, s => Assert.Equal("on", s.Level));
        Assert.All(inserts, s => Assert.Equal("on", s.Level));
        Assert.All(bookkeeping, s => Assert.Equal("off", s.Level));

        // SET LOCAL ends with its transaction: the pooled connection is back at the server's setting.
        await using var context = await provider.GetRequiredService<IDbContextFactory<InvitationsDbContext>>().CreateDbContextAsync();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var show = connection.CreateCommand();
        show.CommandText = "SHOW synchronous_commit";
        Assert.Equal("on", (string?)await show.ExecuteScalarAsync());
    });

    /// <summary>
    /// A host that accepts and creates the account in one <see cref="System.Transactions.TransactionScope"/>: the
    /// store's bookkeeping must not open a transaction of its own there (Npgsql/EF refuse it), or every delivered
    /// item would stay leased and be delivered again.
    /// </summary>
    [SkippableFact]
    public Task Bookkeeping_inside_an_ambient_transaction_scope_runs_in_the_hosts_transaction() => WithDatabaseAsync(async database =>
    {
        var services = new ServiceCollection();
        var connectionString = database.TestConnectionString;
        services.AddDataProtection().UseEphemeralDataProtectionProvider(); // no key ring in the user profile
        new InvitationsBuilder(services).UseEntityFrameworkCore(o => o.UseNpgsql(connectionString));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IInvitationStore>();
        var invitation = SqliteDurabilityTests.Invitation();
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1, T)], default));

        using (var scope = new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
        {
            var claimed = Assert.Single(await store.ClaimOutboxAsync(SqliteDurabilityTests.Claim("d1"), default));
            Assert.True(await store.CompleteOutboxAsync(claimed.Id, "d1", T, default));
            scope.Complete();
        }

        Assert.Empty(await store.ClaimOutboxAsync(SqliteDurabilityTests.Claim("d2") with { Now = T + Duration.FromHours(1) }, default));
        Assert.Single(await store.ListFactsAsync(invitation.Id, default));
    });

    /// <summary>Runs a test on a fresh database, or reports why it cannot run here (no PostgreSQL).</summary>
    private async Task WithDatabaseAsync(Func<PostgresDatabase, Task> test)
    {
        var database = new PostgresDatabase();
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        await database.InitializeAsync();
        try
        {
            await test(database);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }
}
