using Invitations.EntityFrameworkCore.Tests.Service;
using Invitations.Tests.Linearizability;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Linearizability;

/// <summary>
/// Issue 13's linearizability check of invite, resend, revoke, accept, reject and get on each EF Core store: every
/// parallel run is explained by one sequential order of the same operations on the model. A fixed number of samples
/// (each a new set of addresses on the class's database) keeps the run bounded on a slow machine.
/// </summary>
public abstract class LinearizabilityTests(StoreDatabase database, ITestOutputHelper output)
{
    /// <summary>Samples per store: each is up to eleven service calls, five of them at once.</summary>
    private const long Samples = 60;

    [SkippableFact]
    public void ParallelServiceCallsAreLinearizable()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        using var host = new ServiceHost(database.Configure, LinearizabilityCheck.Configure);
        var run = Guid.NewGuid().ToString("N")[..8];
        LinearizabilityCheck.Run(() => new ServiceWorld(host.Manager, host.Redemption, run), Samples, output.WriteLine);
    }
}

/// <summary>On a real SQLite file.</summary>
public sealed class SqliteLinearizabilityTests(SqliteDatabase database, ITestOutputHelper output)
    : LinearizabilityTests(database, output), IClassFixture<SqliteDatabase>;

/// <summary>On a real PostgreSQL database (skipped without a server, failed under CI=true).</summary>
public sealed class PostgresLinearizabilityTests(PostgresDatabase database, ITestOutputHelper output)
    : LinearizabilityTests(database, output), IClassFixture<PostgresDatabase>;
