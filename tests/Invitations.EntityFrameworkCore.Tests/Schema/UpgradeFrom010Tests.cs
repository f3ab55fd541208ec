using Invitations.EntityFrameworkCore.Schema;
using Invitations.Testing;
using Invitations.Validation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests.Schema;

/// <summary>
/// A database created by 0.1.0 (its DDL in Schema/Fixtures, from the model before recipient keys were injective and
/// queued messages encrypted), filled the way 0.1.0 wrote rows, upgraded in place, and read back through the store.
/// </summary>
public abstract class UpgradeFrom010Tests
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    protected abstract Task<EmptyDatabase> CreateDatabaseAsync();

    [SkippableFact]
    public async Task A010DatabaseIsUpgradedOnceAndEveryRowReadsBack()
    {
        await using var database = await CreateDatabaseAsync();
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        await database.CreateSchemaAsync("0.1.0");
        using var services = Services(database);
        var rows = await FillAsync(services, database);

        await using (var context = await Contexts(services).CreateDbContextAsync())
        {
            Assert.False(await context.Database.EnsureInvitationsSchemaAsync());
            Assert.Equal(SchemaSteps.All.Select(s => s.Version).ToHashSet(), await SchemaUpgrader.AppliedAsync(context, default));

            // Applied once: a second start finds nothing to do.
            Assert.False(await context.Database.EnsureInvitationsSchemaAsync());
            Assert.Equal(0, await context.Database.UpgradeInvitationsSchemaAsync());
        }

        var store = services.GetRequiredService<IInvitationStore>();
        var pending = await store.FindAsync(rows.Pending.Id, default);
        Assert.Equal(rows.Pending with { RecipientKey = rows.PendingKey }, pending! with { Groups = rows.Pending.Groups, Roles = rows.Pending.Roles, CustomFields = rows.Pending.CustomFields, TokenHash = rows.Pending.TokenHash });
        Assert.Equal(rows.Pending.TokenHash, pending.TokenHash);
        Assert.Equal(rows.Pending.Groups, pending.Groups);
        Assert.Equal(rows.Pending.Id, (await store.FindPendingByRecipientAsync(rows.PendingKey, default))?.Id);
        Assert.Equal(rows.Pending.Id, (await store.FindByTokenHashAsync(rows.Pending.TokenHash!, default))?.Id);
        Assert.Equal(rows.Pending.Id, (await store.FindByIdempotencyKeyAsync(rows.Pending.IdempotencyKey!, default))?.Id);

        var accepted = await store.FindAsync(rows.Accepted.Id, default);
        Assert.Equal(rows.Accepted with { RecipientKey = rows.AcceptedKey }, accepted! with { Groups = rows.Accepted.Groups, Roles = rows.Accepted.Roles, CustomFields = rows.Accepted.CustomFields });
        Assert.Equal(2, (await store.QueryAsync(new InvitationQuery { OrganizationId = rows.Pending.OrganizationId, AsOf = EfTestData.T }, default)).Items.Count);

        // Facts delivered and pending read back in order; the pending items are claimable, the plaintext 0.1.0 message with its body.
        Assert.Equal([rows.PendingFact.Fact!.Id], (await store.ListFactsAsync(rows.Pending.Id, default)).Select(f => f.Id));
        Assert.Equal([rows.AcceptedFacts[0].Fact!.Id, rows.AcceptedFacts[1].Fact!.Id], (await store.ListFactsAsync(rows.Accepted.Id, default)).Select(f => f.Id));
        var claim = new OutboxClaim { Owner = "upgrade-" + _tag, Now = EfTestData.T + Duration.FromHours(2), LeaseDuration = Duration.FromMinutes(5) };
        var claimed = await store.ClaimOutboxAsync(claim, default);
        Assert.Equal(new[] { rows.PendingMessage.Id.Value, rows.AcceptedFacts[1].Id.Value }.Order(), claimed.Select(i => i.Id.Value).Order());
        var message = claimed.Single(i => i.Kind == OutboxItemKind.Message).Message!;
        Assert.Equal(rows.PendingMessage.Message! with { Headers = message.Headers }, message);

        // The upgraded database works as a current one: the rewritten key blocks a second pending invitation, runs are kept.
        var twin = EfTestData.Invitation(rows.Pending.Email!) with { OrganizationId = rows.Pending.OrganizationId, RecipientKey = rows.PendingKey };
        Assert.Equal(StoreWriteStatus.DuplicatePending, await store.CreateAsync(twin, [], default));
        var runs = (IBulkRunStore)store;
        var run = new BulkRunRecord { Id = "run-" + _tag, Owner = "me", Launched = EfTestData.T, LeaseExpiresAt = EfTestData.T + Duration.FromMinutes(2) };
        Assert.True(await runs.CreateRunAsync(run, default));
        Assert.Equal("me", (await runs.FindRunAsync(run.Id, EfTestData.T, default))!.Owner);

        if (database is EmptyPostgresDatabase)
        {
            Assert.Equal(FieldLimits.ActorId, Convert.ToInt32(await database.ScalarAsync("SELECT character_maximum_length FROM information_schema.columns WHERE table_name = 'invitations' AND column_name = 'invited_by_id'")));
            Assert.Equal(FieldLimits.StoredIdempotencyKey, Convert.ToInt32(await database.ScalarAsync("SELECT character_maximum_length FROM information_schema.columns WHERE table_name = 'invitations' AND column_name = 'idempotency_key'")));
        }
    }

    [SkippableFact]
    public async Task TwoInstancesUpgradingAtOnceApplyEachStepOnce()
    {
        await using var database = await CreateDatabaseAsync();
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        await database.CreateSchemaAsync("0.1.0");
        using var services = Services(database);
        await FillAsync(services, database);

        // Two app instances start together on the 0.1.0 database: every legacy key (2) is rewritten once between them.
        var contexts = Contexts(services);
        var upgrades = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var context = await contexts.CreateDbContextAsync();
            return await context.Database.UpgradeInvitationsSchemaAsync();
        })).ToList();
        var rewritten = await Task.WhenAll(upgrades);

        Assert.Equal(2, rewritten.Sum());
        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(SchemaSteps.All.Select(s => s.Version).ToHashSet(), await SchemaUpgrader.AppliedAsync(check, default));
        Assert.Equal(SchemaSteps.All.Count, Convert.ToInt32(await database.ScalarAsync($"SELECT COUNT(*) FROM {SchemaUpgrader.VersionTable}")));
    }

    private static ServiceProvider Services(EmptyDatabase database)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        new InvitationsBuilder(services).UseEntityFrameworkCore(database.Configure);
        return services.BuildServiceProvider();
    }

    private static IDbContextFactory<InvitationsDbContext> Contexts(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<InvitationsDbContext>>();

    /// <summary>Rows as 0.1.0 wrote them: recipient keys in the old form, message payloads in clear, facts delivered and pending.</summary>
    private async Task<Rows010> FillAsync(IServiceProvider services, EmptyDatabase database)
    {
        var org = "org-" + _tag;
        var email = $"jane.{_tag}@example.com";
        var pending = EfTestData.Invitation(email) with
        {
            OrganizationId = org,
            RecipientKey = $"{org}|email|{email}",
            Groups = ["staff"],
            GivenName = "Jane",
            IdempotencyKey = "admin:key-" + _tag,
            IdempotencyFingerprint = "fp",
            LastSentAt = EfTestData.T,
        };
        var closedAt = EfTestData.T + Duration.FromHours(1);
        var accepted = EfTestData.Invitation($"old.{_tag}@example.com") with
        {
            OrganizationId = org,
            RecipientKey = $"{org}|email|old.{_tag}@example.com",
            State = InvitationState.Accepted,
            TokenHash = null,
            Version = 2,
            ClosedAt = closedAt,
            UpdatedAt = closedAt,
            AcceptedSubjectId = "sub-" + _tag,
            FactSequence = 2,
        };
        var pendingFact = OutboxTestData.FactItem(pending, 1) with { Status = OutboxItemStatus.Delivered, CompletedAt = EfTestData.T };
        var pendingMessage = OutboxTestData.MessageItem(pending, 1, EfTestData.T);
        var acceptedFacts = new[]
        {
            OutboxTestData.FactItem(accepted, 1, EfTestData.T) with { Status = OutboxItemStatus.Delivered, CompletedAt = EfTestData.T },
            OutboxTestData.FactItem(accepted, 2, closedAt, FactTypes.InviteUser),
        };

        // The current model writes invitation columns 0.1.0 did not have: they exist only while the rows are written, so
        // the upgrade meets 0.1.0's table and must add them itself.
        var flag = database.Suffix == "sqlite" ? "INTEGER NOT NULL DEFAULT 0" : "boolean NOT NULL DEFAULT false";
        (string Name, string Type)[] later = [("reminder_count", "INTEGER NOT NULL DEFAULT 0"), ("has_existing_account", flag)];
        foreach (var (name, type) in later)
        {
            await database.ScalarAsync($"ALTER TABLE invitations ADD COLUMN {name} {type}");
        }

        await using (var context = await Contexts(services).CreateDbContextAsync())
        {
            context.AddRange(RowMapper.ToRow(pending), RowMapper.ToRow(accepted));
            await context.SaveChangesAsync();
        }

        foreach (var (name, _) in later)
        {
            await database.ScalarAsync($"ALTER TABLE invitations DROP COLUMN {name}");
        }

        // The outbox rows with 0.1.0's columns (the current model has more), the message in clear as 0.1.0 wrote it.
        var protector = new OutboxPayloadProtector(services.GetRequiredService<IDataProtectionProvider>());
        foreach (var item in acceptedFacts.Append(pendingFact).Append(pendingMessage))
        {
            var row = RowMapper.ToRow(item, protector);
            if (item.Kind == OutboxItemKind.Message)
            {
                row.Payload = InvitationJson.SerializeMessage(item.Message!);
            }

            await database.InsertOutbox010Async(row);
        }

        return new Rows010(
            pending, accepted, RecipientKeys.Create(org, "email", email), RecipientKeys.Create(org, "email", $"old.{_tag}@example.com"), pendingFact, pendingMessage, acceptedFacts);
    }

    private sealed record Rows010(
        InvitationData Pending, InvitationData Accepted, string PendingKey, string AcceptedKey, OutboxItem PendingFact, OutboxItem PendingMessage, OutboxItem[] AcceptedFacts);
}

/// <summary>On a SQLite file.</summary>
public sealed class SqliteUpgradeFrom010Tests : UpgradeFrom010Tests
{
    protected override Task<EmptyDatabase> CreateDatabaseAsync() => Task.FromResult<EmptyDatabase>(new EmptySqliteDatabase());
}

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresUpgradeFrom010Tests : UpgradeFrom010Tests
{
    protected override async Task<EmptyDatabase> CreateDatabaseAsync()
    {
        var database = new EmptyPostgresDatabase();
        await database.CreateAsync();
        return database;
    }
}
