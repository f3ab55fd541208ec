using Invitations.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// Databases written by earlier versions: recipient keys in the old <c>{org}|{channel}|{address}</c> form are rewritten
/// (idempotently), and PostgreSQL columns narrower than the validator's limits are widened.
/// </summary>
public abstract class RecipientKeyUpgradeTests(StoreDatabase database, ITestOutputHelper output)
{
    protected ITestOutputHelper Output => output;

    [SkippableFact]
    public async Task LegacyKeysAreRewrittenOnceAndFoundUnderTheCurrentKey()
    {
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        var tag = Guid.NewGuid().ToString("N")[..8];
        var victimOrg = $"x{tag}|email|y";
        var pending = EfTestData.Invitation("jane@victim.example") with { OrganizationId = victimOrg, RecipientKey = $"{victimOrg}|email|jane@victim.example" };
        var closed = EfTestData.Invitation($"old{tag}@example.com") with
        {
            State = InvitationState.Accepted, TokenHash = null, ClosedAt = EfTestData.T, RecipientKey = $"|email|old{tag}@example.com",
        };
        var noOrg = EfTestData.Invitation($"none{tag}@example.com") with { RecipientKey = $"|sms|none{tag}@example.com" };
        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            context.AddRange(RowMapper.ToRow(pending), RowMapper.ToRow(closed), RowMapper.ToRow(noOrg));
            await context.SaveChangesAsync();

            // Legacy keys are in a database written before schema versioning: it has no version table.
            await context.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS invitations_schema_version");
        }

        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            // A host that starts with EnsureInvitationsSchemaAsync on its existing database gets the upgrade with it.
            Assert.False(await context.Database.EnsureInvitationsSchemaAsync());
            Assert.Equal(0, await context.Database.UpgradeInvitationsSchemaAsync());
            Assert.Equal(0, await context.Set<InvitationRow>().CountAsync(r => EF.Functions.Like(r.RecipientKey, "%|%")));
        }

        var victimKey = RecipientKeys.Create(victimOrg, "email", "jane@victim.example");
        Assert.Equal(pending.Id, (await database.Store.FindPendingByRecipientAsync(victimKey, default))?.Id);

        // The attacker's key of old (organization x, address y|email|jane@…) no longer meets the victim's.
        var attackerKey = RecipientKeys.Create($"x{tag}", "email", "y|email|jane@victim.example");
        Assert.NotEqual(victimKey, attackerKey);
        Assert.Null(await database.Store.FindPendingByRecipientAsync(attackerKey, default));

        Assert.Equal(RecipientKeys.Create(null, "sms", $"none{tag}@example.com"), (await database.Store.FindAsync(noOrg.Id, default))!.RecipientKey);
        Assert.Equal(RecipientKeys.Create(null, "email", $"old{tag}@example.com"), (await database.Store.FindAsync(closed.Id, default))!.RecipientKey);
        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            var row = await context.Set<InvitationRow>().AsNoTracking().SingleAsync(r => r.Id == closed.Id.Value);
            Assert.Null(row.PendingRecipientKey);
        }
    }
}

public sealed class SqliteRecipientKeyUpgradeTests(SqliteDatabase database, ITestOutputHelper output)
    : RecipientKeyUpgradeTests(database, output), IClassFixture<SqliteDatabase>;

public sealed class PostgresRecipientKeyUpgradeTests : RecipientKeyUpgradeTests, IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase database;

    public PostgresRecipientKeyUpgradeTests(PostgresDatabase database, ITestOutputHelper output)
        : base(database, output) => this.database = database;

    [SkippableFact]
    public async Task ColumnsNarrowerThanTheLimitsAreWidened()
    {
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        await using var connection = new NpgsqlConnection(database.TestConnectionString);
        await connection.OpenAsync();
        await Execute("ALTER TABLE invitations ALTER COLUMN invited_by_id TYPE varchar(200)");
        await Execute("ALTER TABLE invitations ALTER COLUMN idempotency_key TYPE varchar(500)");

        // Narrow columns are a database written before schema versioning: it has no version table.
        await Execute("DROP TABLE IF EXISTS invitations_schema_version");

        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            await context.Database.UpgradeInvitationsSchemaAsync();
            await context.Database.UpgradeInvitationsSchemaAsync();
        }

        Assert.Equal(FieldLimits.ActorId, await Width("invited_by_id"));
        Assert.Equal(FieldLimits.StoredIdempotencyKey, await Width("idempotency_key"));

        async Task Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        async Task<int> Width(string column)
        {
            await using var command = new NpgsqlCommand("SELECT character_maximum_length FROM information_schema.columns WHERE table_name = 'invitations' AND column_name = @c", connection);
            command.Parameters.AddWithValue("c", column);
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        }
    }
}
