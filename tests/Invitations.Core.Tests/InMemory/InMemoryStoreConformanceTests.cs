using Invitations.Testing;

namespace Invitations.Core.Tests.InMemory;

/// <summary>The in-memory default passes the same conformance suite as every database store.</summary>
public sealed class InMemoryStoreConformanceTests : InvitationStoreConformanceTests
{
    private readonly InMemoryInvitationStore _store = new();

    protected override Task<IInvitationStore> CreateStoreAsync() => Task.FromResult<IInvitationStore>(_store);

    protected override Task<OutboxItem?> LoadOutboxItemAsync(IInvitationStore store, OutboxItemId id) =>
        Task.FromResult(((InMemoryInvitationStore)store).SnapshotOutbox().SingleOrDefault(i => i.Id == id));
}
