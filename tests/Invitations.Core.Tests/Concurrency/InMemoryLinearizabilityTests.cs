using Invitations.Core.Tests.Support;
using Invitations.Tests.Linearizability;
using Xunit.Abstractions;

namespace Invitations.Core.Tests.Concurrency;

/// <summary>
/// Issue 13's linearizability check on the in-memory store: invite, resend, revoke, accept, reject and get from several
/// threads at once, each run explained by one sequential order of the same calls on the model. The EF Core store
/// tests run the same check (the same files) on SQLite and PostgreSQL.
/// </summary>
public sealed class InMemoryLinearizabilityTests(ITestOutputHelper output)
{
    /// <summary>Samples: a fixed count (the in-memory store is fast enough for many more than a database).</summary>
    private const long Samples = 200;

    [Fact]
    public void ParallelServiceCallsAreLinearizable()
    {
        using var host = new TestHost(LinearizabilityCheck.Configure);
        var run = Guid.NewGuid().ToString("N")[..8];
        LinearizabilityCheck.Run(() => new ServiceWorld(host.Manager, host.Redemption, run), Samples, output.WriteLine);
    }
}
