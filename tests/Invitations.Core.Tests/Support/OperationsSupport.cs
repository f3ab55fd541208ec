using System.Text;

namespace Invitations.Core.Tests.Support;

/// <summary>A host directory: registered addresses by predicate, unregistered identities from a list.</summary>
internal sealed class FakeDirectory(Func<string, bool>? registered = null, IReadOnlyList<DirectoryIdentity>? unregistered = null) : IUserDirectory
{
    public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) =>
        new(registered?.Invoke(address) ?? false);

    public async IAsyncEnumerable<DirectoryIdentity> ListUnregisteredAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var identity in unregistered ?? [])
        {
            yield return identity;
        }
    }
}

/// <summary>A directory that does not implement the optional listing.</summary>
internal sealed class MinimalDirectory : IUserDirectory
{
    public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) => new(false);
}

/// <summary>Records progress reports synchronously, in order.</summary>
internal sealed class ProgressRecorder : IProgress<BulkInviteProgress>
{
    public List<BulkInviteProgress> Reports { get; } = [];

    public void Report(BulkInviteProgress value)
    {
        lock (Reports)
        {
            Reports.Add(value);
        }
    }
}

internal static class Ops
{
    public static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        await Task.Yield();
        foreach (var item in items)
        {
            yield return item;
        }
    }

    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    public static async Task<BulkRun> WaitForCompletionAsync(IBulkInvitations runs, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await runs.GetRunAsync(id, default);
            status.Should().NotBeNull();
            if (status!.Completed is not null)
            {
                return status;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the run should finish");
            await Task.Delay(20);
        }
    }

    /// <summary>Everything the store holds, as text: every invitation (all fields) and every outbox item with its fact and message JSON.</summary>
    public static async Task<string> DumpStoreAsync(Support.TestHost host)
    {
        var sb = new StringBuilder();
        InvitationCursor? after = null;
        do
        {
            var page = await host.Store.QueryAsync(new InvitationQuery { Limit = 1000, After = after, AsOf = host.Clock.GetCurrentInstant() }, default);
            foreach (var d in page.Items)
            {
                sb.AppendLine(d.ToString()).AppendLine(string.Join(",", d.CustomFields.Select(kv => kv.Key + "=" + kv.Value)));
            }

            after = page.Next;
        }
        while (after is not null);

        foreach (var item in host.MemoryStore.SnapshotOutbox())
        {
            sb.AppendLine(item.ToString());
            if (item.Fact is { } fact)
            {
                sb.AppendLine(InvitationJson.SerializeFactToString(fact));
            }

            if (item.Message is { } message)
            {
                sb.AppendLine(InvitationJson.SerializeMessage(message));
            }
        }

        return sb.ToString();
    }
}
