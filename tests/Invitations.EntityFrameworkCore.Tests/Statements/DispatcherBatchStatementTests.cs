using System.Collections.Concurrent;
using Invitations.EntityFrameworkCore.Tests.Service;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Statements;

/// <summary>
/// Issue 14: "the outbox dispatcher claims, delivers (concurrently, bounded) and completes a batch with one statement
/// each way". Twenty fact items on two lanes (ten invitations, two sinks) are one claim statement and one completion
/// statement, however many items the batch holds. Counted with the same <see cref="StatementLog"/> as the invite and
/// accept counts.
/// </summary>
public abstract class DispatcherBatchStatementTests(StoreDatabase database, ITestOutputHelper output)
{
    /// <summary>Whether a write is one statement (PostgreSQL's data-modifying WITH) instead of a transaction of inserts.</summary>
    protected virtual bool OneStatement => false;

    [SkippableFact]
    public async Task ABatchOfFactsOnTwoLanesIsOneClaimAndOneCompletion()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        var (log, a, b) = (new StatementLog(), new RecordingSink("a"), new RecordingSink("b"));
        using var host = TwoSinkHost(log, a, b, o => o.Delivery.Inline = false);
        var dispatcher = new Dispatcher(host.Services);

        // Drain what other tests of this class left, then warm up (the first claim compiles its statement).
        while (await dispatcher.DispatchAsync(null, default) > 0)
        {
        }

        var ids = new List<InvitationId>();
        for (var i = 0; i < 10; i++)
        {
            var invited = await host.Manager.InviteAsync(ServiceHost.Request($"batch.{i}.{Guid.NewGuid():N}@example.com") with { SkipSend = true });
            Assert.True(invited.IsSuccess, invited.ToString());
            Assert.True((await host.Manager.RevokeAsync(invited.Value.Invitation.Id, ServiceHost.Admin)).IsSuccess);
            ids.Add(invited.Value.Invitation.Id);
        }

        log.Take();
        var claimed = await dispatcher.DispatchAsync(null, default);
        var statements = log.Take();

        output.WriteLine($"batch of {claimed}: {statements.Count} statements");
        foreach (var s in statements)
        {
            output.WriteLine("  " + s.ReplaceLineEndings(" ")[..Math.Min(160, s.ReplaceLineEndings(" ").Length)]);
        }

        Assert.Equal(20, claimed);
        Assert.Equal(10, a.Facts.Count(f => ids.Contains(f.ObjectId)));
        Assert.Equal(10, b.Facts.Count(f => ids.Contains(f.ObjectId)));
        Assert.Equal(2, statements.Count);
        Assert.Empty(await host.Store.ClaimOutboxAsync(
            new OutboxClaim { Owner = "check", LeaseDuration = NodaTime.Duration.FromMinutes(1), Now = host.Clock.GetCurrentInstant() }, default));
    }

    /// <summary>
    /// An invite with two fact lanes writes its fact once per lane in the same transaction (same commit, same sync), in
    /// the one multi-row INSERT of its outbox rows, so the second lane adds no statement; its inline delivery is still
    /// one completion for every lane and the message. The write is what <see cref="StatementCountTests"/> counts.
    /// </summary>
    [SkippableFact]
    public async Task AnInviteWithTwoLanesAddsNoStatement()
    {
        Skip.If(database.NotRunReason is not null, "NOT RUN: " + database.NotRunReason);

        var (log, a, b) = (new StatementLog(), new RecordingSink("a"), new RecordingSink("b"));
        using var host = TwoSinkHost(log, a, b);
        Assert.True((await host.Manager.InviteAsync(ServiceHost.Request($"warm.{Guid.NewGuid():N}@example.com"))).IsSuccess);
        log.Take();

        Assert.True((await host.Manager.InviteAsync(ServiceHost.Request($"lanes.{Guid.NewGuid():N}@example.com"))).IsSuccess);
        var invite = log.Take();

        output.WriteLine($"invite with two lanes: {invite.Count} statements");
        foreach (var s in invite)
        {
            output.WriteLine("  " + s.ReplaceLineEndings(" ")[..Math.Min(200, s.ReplaceLineEndings(" ").Length)]);
        }
        // The outbox rows of every lane and the message are one multi-row INSERT (on PostgreSQL inside the invite's one
        // statement): a second lane costs no statement.
        var oneLane = (OneStatement ? 1 : 4) + 1;
        Assert.Equal(2, a.Facts.Count);
        Assert.Equal(2, b.Facts.Count);
        Assert.Equal(OneStatement ? 0 : 1, invite.Count(s => s.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(oneLane, invite.Count);
        Assert.Single(invite, s => s.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase) && s.Contains("outbox", StringComparison.Ordinal));
        Assert.Single(invite, s => s.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A host on the test's database whose statements go to <paramref name="log"/>, with two webhook sinks (two fact lanes).</summary>
    private ServiceHost TwoSinkHost(StatementLog log, RecordingSink a, RecordingSink b, Action<InvitationsOptions>? options = null)
    {
        var configure = database.Configure!;
        return new ServiceHost(
            o =>
            {
                configure(o);
                o.AddInterceptors(log);
            },
            options,
            builder => builder.AddWebhookSink(a).AddWebhookSink(b));
    }

    /// <summary>
    /// The library's own dispatcher (internal to Invitations.Core, whose internals this project cannot see without
    /// clashing with the linked sources it shares with Invitations.EntityFrameworkCore), called by reflection.
    /// </summary>
    private sealed class Dispatcher(IServiceProvider services)
    {
        private static readonly Type Type = typeof(InvitationsOptions).Assembly.GetType("Invitations.Delivery.OutboxDispatcher", throwOnError: true)!;
        private readonly object _instance = services.GetRequiredService(Type);

        public Task<int> DispatchAsync(InvitationId? only, CancellationToken cancellationToken) =>
            (Task<int>)Type.GetMethod("DispatchAsync")!.Invoke(_instance, [only, cancellationToken])!;
    }

    private sealed class RecordingSink(string name) : IWebhookSink
    {
        private readonly ConcurrentQueue<InvitationFact> _facts = new();

        public string Name => name;

        public IReadOnlyCollection<InvitationFact> Facts => _facts;

        public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
        {
            _facts.Enqueue(fact);
            return new(DeliveryResult.Delivered());
        }
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class SqliteDispatcherBatchStatementTests(SqliteDatabase database, ITestOutputHelper output)
    : DispatcherBatchStatementTests(database, output), IClassFixture<SqliteDatabase>;

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresDispatcherBatchStatementTests(PostgresDatabase database, ITestOutputHelper output)
    : DispatcherBatchStatementTests(database, output), IClassFixture<PostgresDatabase>
{
    /// <inheritdoc />
    protected override bool OneStatement => true;
}
