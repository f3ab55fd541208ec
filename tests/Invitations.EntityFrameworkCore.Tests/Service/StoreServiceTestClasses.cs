using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>The service tests on the in-memory store.</summary>
public sealed class InMemoryStoreServiceTests(ITestOutputHelper output) : StoreServiceTests(output)
{
    protected override Action<DbContextOptionsBuilder>? Database => null;
}

/// <summary>The service tests on a real SQLite file.</summary>
public sealed class SqliteStoreServiceTests(SqliteDatabase database, ITestOutputHelper output) : StoreServiceTests(output), IClassFixture<SqliteDatabase>
{
    protected override Action<DbContextOptionsBuilder>? Database => database.Configure;

    protected override bool IsRelational => true;
}

/// <summary>The service tests on a real PostgreSQL database.</summary>
public sealed class PostgresStoreServiceTests(PostgresDatabase database, ITestOutputHelper output) : StoreServiceTests(output), IClassFixture<PostgresDatabase>
{
    protected override Action<DbContextOptionsBuilder>? Database => database.Configure;

    protected override string? NotRunReason => database.NotRunReason;

    protected override bool IsRelational => true;
}

/// <summary>The EF Core store under a retrying execution strategy, as hosts configure PostgreSQL in production.</summary>
public sealed class PostgresRetryingStrategyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task EveryWriteRunsUnderEnableRetryOnFailure()
    {
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        var connectionString = database.TestConnectionString;
        using var host = new ServiceHost(o => o.UseNpgsql(connectionString, n => n.EnableRetryOnFailure()), o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await host.Manager.InviteAsync(ServiceHost.Request($"retry.{Guid.NewGuid():N}@example.com"));
        Assert.True(invited.IsSuccess, invited.ToString());
        var resent = await host.Manager.ResendAsync(invited.Value.Invitation.Id, ServiceHost.Admin);
        Assert.True(resent.IsSuccess, resent.ToString());
        Assert.True((await host.Redemption.AcceptAsync(ServiceHost.TokenOf(resent.Value.Link!), new AcceptRequest("sub-r"))).IsSuccess);
        Assert.Equal(1, (await host.Erasure.EraseAsync(invited.Value.Invitation.Email!)).Value.Invitations);
    }
}
