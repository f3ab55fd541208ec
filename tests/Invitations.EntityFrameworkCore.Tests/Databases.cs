using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>A store over one database, built the way a host builds it (DI + UseEntityFrameworkCore).</summary>
public abstract class StoreDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public IInvitationStore Store => _services!.GetRequiredService<IInvitationStore>();

    public IDbContextFactory<InvitationsDbContext> Contexts => _services!.GetRequiredService<IDbContextFactory<InvitationsDbContext>>();

    public virtual string? NotRunReason => null;

    /// <summary>The provider and connection of this database, for a second host (a service) over the same tables.</summary>
    public Action<DbContextOptionsBuilder>? Configure { get; private set; }

    internal OutboxPayloadProtector Protector => new(_services!.GetRequiredService<IDataProtectionProvider>());

    protected abstract Task<Action<DbContextOptionsBuilder>?> PrepareAsync();

    public async Task InitializeAsync()
    {
        var configure = await PrepareAsync();
        if (configure is null)
        {
            return;
        }

        Configure = configure;
        var services = new ServiceCollection();

        // Test keys live in memory: no test writes a key ring into the user profile.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        new InvitationsBuilder(services).UseEntityFrameworkCore(configure);
        _services = services.BuildServiceProvider();
        await using var context = await Contexts.CreateDbContextAsync();
        await context.Database.EnsureInvitationsSchemaAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    public async Task<OutboxItem?> LoadOutboxItemAsync(OutboxItemId id)
    {
        await using var context = await Contexts.CreateDbContextAsync();
        var row = await context.Set<OutboxRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id.Value);
        return row is null ? null : RowMapper.ToItem(row, Protector);
    }
}

/// <summary>A real SQLite file in a temp directory, one per test class.</summary>
public sealed class SqliteDatabase : StoreDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-efcore-tests", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(_directory, "invitations.db");

    protected override Task<Action<DbContextOptionsBuilder>?> PrepareAsync()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = $"Data Source={FilePath};Pooling=True;Default Timeout=60";
        return Task.FromResult<Action<DbContextOptionsBuilder>?>(o => o.UseSqlite(connectionString));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// A fresh PostgreSQL database per test class on the server named by INVITATIONS_POSTGRES. When the variable
/// is unset the tests report that they did not run; with CI=true a missing server fails them instead.
/// </summary>
public sealed class PostgresDatabase : StoreDatabase
{
    public const string Variable = "INVITATIONS_POSTGRES";

    private string? _adminConnectionString;
    private string? _database;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public override string? NotRunReason => ConnectionString is null && !IsCi
        ? $"PostgreSQL tests did not run: set {Variable} (for example Host=127.0.0.1;Port=5432;Username=invitations;Password=invitations;Database=invitations_tests, see .ci/setup-postgres.sh)."
        : null;

    public string DatabaseName => _database!;

    public string TestConnectionString { get; private set; } = "";

    protected override async Task<Action<DbContextOptionsBuilder>?> PrepareAsync()
    {
        if (ConnectionString is null)
        {
            if (IsCi)
            {
                throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL tests cannot run (source .ci/setup-postgres.sh).");
            }

            return null;
        }

        _adminConnectionString = ConnectionString;
        _database = "invitations_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", admin);
            await create.ExecuteNonQueryAsync();

            // Durability of the last commits after a power cut is not under test; skip the per-commit fsync.
            await using var tune = new NpgsqlCommand($"ALTER DATABASE \"{_database}\" SET synchronous_commit = off", admin);
            await tune.ExecuteNonQueryAsync();
        }

        TestConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _database, MaxPoolSize = 40 }.ConnectionString;
        var connectionString = TestConnectionString;
        return o => o.UseNpgsql(connectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is null || _adminConnectionString is null)
        {
            return;
        }

        await DropAsync(_adminConnectionString, _database);
    }

    /// <summary>
    /// Drops a test database, retrying while an autovacuum worker (a superuser's backend, which <c>FORCE</c> may not
    /// terminate for this role) is still on a database a test just filled. It leaves within moments; a database left
    /// behind after that is only disk on a throw-away server, never a reason to fail tests that passed.
    /// </summary>
    internal static async Task DropAsync(string adminConnectionString, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300));
            }
        }
    }
}
