using System.Diagnostics;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>
/// Counts EF Core's query compilations (its <c>QueryCompilationStarting</c> diagnostic event) in this process: a query
/// served from EF Core's query cache starts none, so a count that grows with the calls means each call compiles again.
/// </summary>
internal sealed class QueryCompilations : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string Event = "Microsoft.EntityFrameworkCore.Query.QueryCompilationStarting";
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private long _count;

    public QueryCompilations() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>The compilations since the last call.</summary>
    public long Take() => Interlocked.Exchange(ref _count, 0);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, static (name, _, _) => name == Event));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref _count);

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(static s => s.Dispose());
        }
    }
}
