using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// Issue 13's crash injection: a chain of child processes over one database, each inviting, accepting and delivering,
/// each killed (SIGKILL, by itself) at one outbox step boundary, observed from outside the dispatcher (the store it
/// calls, the sender, the sink). Every boundary is hit twice (first and second crossing). A last child finishes the
/// work. Then nothing is lost (invitations, accepts, facts, messages) and every duplicate delivery repeats an id.
/// </summary>
public abstract class CrashInjectionTests(StoreDatabase database, ITestOutputHelper output)
{
    /// <summary>The boundaries of tests/Invitations.CrashHost/Boundaries.cs, in an order where each finds work to die in.</summary>
    private static readonly string[] Boundaries = ["written", "claimed", "sent", "delivered", "failure-recorded", "completed"];

    private static readonly TimeSpan ChildLimit = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task KilledAtEveryOutboxBoundaryAndRestartedLosesNothing()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);
        using var shared = new ProcessDatabase(database);

        var offset = 0;
        var kills = new Dictionary<string, int>();
        foreach (var crossing in new[] { 1, 2 })
        {
            foreach (var boundary in Boundaries)
            {
                // Each child runs 10 minutes after the last on the store's clock: past the 2-minute leases the killed one held.
                offset += 10;
                var child = await ChildProcess.RunAsync(
                    [.. shared.BaseArguments, "mode=chain", $"worker={boundary}-{crossing}", $"kill={boundary}", $"crossing={crossing}", $"offset={offset}"],
                    ChildLimit);
                Assert.True(child.KilledAt == boundary && child.ExitCode != 0, $"the child meant to die at {boundary} (crossing {crossing}) did not: {child}");
                kills[boundary] = kills.GetValueOrDefault(boundary) + 1;
                output.WriteLine($"{boundary} {crossing}: {child.Elapsed.TotalSeconds:F1} s");
            }
        }

        var last = await ChildProcess.RunAsync([.. shared.BaseArguments, "mode=chain", "worker=last", $"offset={offset + 10}"], ChildLimit);
        Assert.True(last.Drained, last.ToString());

        var report = await ProcessChecks.NothingLostAsync(shared);
        output.WriteLine("kills per boundary: " + string.Join(", ", kills.Select(k => $"{k.Key} {k.Value}")));
        output.WriteLine(report);
    }
}

/// <summary>On one SQLite file.</summary>
public sealed class SqliteCrashInjectionTests(SqliteDatabase database, ITestOutputHelper output)
    : CrashInjectionTests(database, output), IClassFixture<SqliteDatabase>;

/// <summary>On one PostgreSQL database (skipped without a server, failed under CI=true).</summary>
public sealed class PostgresCrashInjectionTests(PostgresDatabase database, ITestOutputHelper output)
    : CrashInjectionTests(database, output), IClassFixture<PostgresDatabase>;
