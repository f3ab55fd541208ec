using Invitations.Testing;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>The conformance suite on a real SQLite file.</summary>
public sealed class SqliteConformanceTests : InvitationStoreConformanceTests, IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase _database;

    public SqliteConformanceTests(SqliteDatabase database, ITestOutputHelper output)
    {
        _database = database;
        Output = output;
    }

    protected override Task<IInvitationStore> CreateStoreAsync() => Task.FromResult(_database.Store);

    protected override Task<OutboxItem?> LoadOutboxItemAsync(IInvitationStore store, OutboxItemId id) => _database.LoadOutboxItemAsync(id);
}

/// <summary>The conformance suite on a real PostgreSQL server (a fresh database for this class).</summary>
public sealed class PostgresConformanceTests : InvitationStoreConformanceTests, IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;

    public PostgresConformanceTests(PostgresDatabase database, ITestOutputHelper output)
    {
        _database = database;
        Output = output;
    }

    protected override string? NotRunReason => _database.NotRunReason;

    protected override Task<IInvitationStore> CreateStoreAsync() => Task.FromResult(_database.Store);

    protected override Task<OutboxItem?> LoadOutboxItemAsync(IInvitationStore store, OutboxItemId id) => _database.LoadOutboxItemAsync(id);

    [SkippableFact]
    public void PostgreSqlIsConfigured()
    {
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(_database.NotRunReason is not null, "NOT RUN: " + _database.NotRunReason);

        Assert.False(string.IsNullOrEmpty(_database.TestConnectionString));
    }
}
