using Invitations.InMemory;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The store switch of the benchmarks and the throughput verb (<c>--store NAME</c>). Only the in-memory
/// store exists today; Invitations.EntityFrameworkCore (SQLite, PostgreSQL) is being built elsewhere and
/// joins by adding one line here, e.g.
/// <c>["sqlite"] = () => EfStore.Sqlite("Data Source=bench.db")</c> — every benchmark and the
/// throughput verb then run against it unchanged.
/// </summary>
public static class StoreFactories
{
    private static readonly Dictionary<string, Func<IInvitationStore>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["memory"] = static () => new InMemoryInvitationStore(),
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IInvitationStore Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown store '{name}'. Available: {string.Join(", ", Factories.Keys)}. SQLite/PostgreSQL arrive with Invitations.EntityFrameworkCore: add a factory in StoreFactories.cs.", nameof(name));
}
