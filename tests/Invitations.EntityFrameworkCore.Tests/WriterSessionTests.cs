using System.Data.Common;
using Invitations.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// The connection the store keeps open for SQLite writes, on a real file: a write that fails half-way leaves nothing
/// half-written and the next write works; an ambient <c>TransactionScope</c> is refused as EF Core's SQLite provider
/// refuses it (never written past the scope); a disposed store still writes (a connection per write).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class WriterSessionTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-efcore-tests", Guid.NewGuid().ToString("N"));
    private readonly FailOnce _failure = new();
    private PooledDbContextFactory<InvitationsDbContext> _contexts = null!;
    private EntityFrameworkCoreInvitationStore<InvitationsDbContext> _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new DbContextOptionsBuilder<InvitationsDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "invitations.db")}")
            .AddInterceptors(_failure)
            .Options;
        _contexts = new PooledDbContextFactory<InvitationsDbContext>(options);
        await using (var context = await _contexts.CreateDbContextAsync())
        {
            await context.Database.EnsureInvitationsSchemaAsync();
        }

        _store = new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(_contexts);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_write_that_fails_inside_its_transaction_keeps_everything_and_the_next_write_works()
    {
        var invitation = await CreateAsync();

        // Erasure deletes the outbox rows, the short links, then the invitation, in one transaction: fail the last delete.
        _failure.Arm("DELETE FROM \"invitations\"");
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.EraseAsync(invitation.Id, default));

        Assert.NotNull(await _store.FindAsync(invitation.Id, default));
        Assert.Single(await _store.ListFactsAsync(invitation.Id, default));

        // The writer connection is usable: a new write commits and a fresh connection sees it.
        var next = await CreateAsync();
        await using var context = await _contexts.CreateDbContextAsync();
        Assert.Equal(2, await context.Set<InvitationRow>().CountAsync(r => r.Id == invitation.Id.Value || r.Id == next.Id.Value));
    }

    [Fact]
    public async Task A_write_inside_an_ambient_transaction_is_refused_as_before_not_written_outside_it()
    {
        // EF Core's SQLite provider does not take part in ambient transactions (AmbientTransactionWarning is an error).
        // The writer connection must not change that into a write that commits on its own, outside the host's scope.
        await CreateAsync(); // the writer connection is open before the scope begins
        var invitation = EfTestData.Invitation($"scope.{Guid.NewGuid():N}@example.org");
        using (new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await _store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1, EfTestData.T)], default));
            Assert.Contains("AmbientTransactionWarning", refused.Message, StringComparison.Ordinal);
        }

        Assert.Null(await _store.FindAsync(invitation.Id, default));
        Assert.NotNull(await _store.FindAsync((await CreateAsync()).Id, default));
    }

    [Fact]
    public async Task A_disposed_store_still_writes_with_a_connection_per_write()
    {
        var before = await CreateAsync();
        await _store.DisposeAsync();

        var after = await CreateAsync();
        Assert.True(await _store.CompleteOutboxAsync((await _store.ClaimOutboxAsync(SqliteDurabilityTests.Claim("d1"), default))[0].Id, "d1", EfTestData.T, default));
        Assert.NotNull(await _store.FindAsync(before.Id, default));
        Assert.NotNull(await _store.FindAsync(after.Id, default));
    }

    private async Task<InvitationData> CreateAsync()
    {
        var invitation = EfTestData.Invitation($"writer.{Guid.NewGuid():N}@example.org");
        Assert.Equal(StoreWriteStatus.Saved, await _store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1, EfTestData.T)], default));
        return invitation;
    }

    /// <summary>Throws once, when armed, from the next command EF Core runs whose text starts with the armed prefix.</summary>
    private sealed class FailOnce : DbCommandInterceptor
    {
        private string? _prefix;

        public void Arm(string prefix) => _prefix = prefix;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (_prefix is { } prefix && command.CommandText.TrimStart().StartsWith(prefix, StringComparison.Ordinal))
            {
                _prefix = null;
                throw new InvalidOperationException("injected failure");
            }

            return ValueTask.FromResult(result);
        }
    }
}
