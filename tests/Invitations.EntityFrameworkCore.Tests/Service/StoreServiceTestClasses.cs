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
