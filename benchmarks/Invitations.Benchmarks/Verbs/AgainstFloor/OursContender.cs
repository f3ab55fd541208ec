using Invitations.Benchmarks.Fixtures;
using Invitations.EntityFrameworkCore.Tests.Statements;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>
/// The full library as a host runs it: <c>AddInvitations()</c> over the EF Core store, inline dispatch (the default)
/// to a host transport that accepts every message and fact and keeps nothing; invites through
/// <see cref="IInvitationManager"/>, accepts through <see cref="IInvitationRedemption"/>, bulk through
/// <see cref="IBulkInvitations.InviteManyAsync"/> with its default options.
/// </summary>
/// <param name="store">The EF Core store of the case.</param>
/// <param name="statements">Its statement log.</param>
/// <param name="storeCalls">Times every store call (<c>--store-calls</c>) and prints the means when the contender is disposed.</param>
internal sealed class OursContender(IInvitationStore store, StatementLog statements, StoreCallTimes? storeCalls = null) : IContender
{
    private readonly BenchHost _host = new(store: _ => storeCalls is null ? store : storeCalls.Wrap(store), dispatchInline: true, transports: DiscardingTransport.Register);

    public string Name => "ours";

    /// <summary>The library's services (the floor renders with the same compiled template).</summary>
    public IServiceProvider Services => _host.Services;

    public Task PrepareAsync(int callers, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> InviteAsync(int caller, int index, CancellationToken cancellationToken)
    {
        var result = await _host.Manager.InviteAsync(BenchHost.Request(index), cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? BenchHost.TokenOf(result.Value.Link!) : throw new InvalidOperationException("invite failed: " + result.Error);
    }

    public async Task<bool> AcceptAsync(int caller, string token, CancellationToken cancellationToken) =>
        (await _host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + caller), cancellationToken).ConfigureAwait(false)).IsSuccess;

    public async Task<int> InviteManyAsync(int offset, int count, CancellationToken cancellationToken)
    {
        var invited = 0;
        await foreach (var outcome in _host.Bulk.InviteManyAsync(Requests(offset, count), new BulkInviteOptions(), progress: null, cancellationToken).ConfigureAwait(false))
        {
            invited += outcome.Status == BulkInviteStatus.Invited ? 1 : throw new InvalidOperationException("bulk invite failed: " + outcome);
        }

        return invited;
    }

    public long TakeStatements() => statements.Take().Count;

    public ValueTask DisposeAsync()
    {
        _host.Dispose();
        storeCalls?.Print(Console.Out);
        return ValueTask.CompletedTask;
    }

    private static async IAsyncEnumerable<InviteRequest> Requests(int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return BenchHost.Request(offset + i);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
