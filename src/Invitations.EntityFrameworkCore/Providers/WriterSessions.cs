using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// A store's writer sessions, one per connection string (a context factory may serve several databases), each used
/// only by the holder of that database's write gate. Disposed with the store; a session that failed is replaced on the
/// next write.
/// </summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
internal sealed class WriterSessions<TContext> : IAsyncDisposable, IDisposable
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _factory;
    private readonly ConcurrentDictionary<string, WriterSession> _sessions = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public WriterSessions(IDbContextFactory<TContext> factory) => _factory = factory;

    /// <summary>
    /// The session for the database <paramref name="probe"/> connects to, opened on first use; null once the store is
    /// disposed, or when the host's ambient transaction must enlist the write's own connection. Call it under the
    /// database's write gate.
    /// </summary>
    public async ValueTask<WriterSession?> GetAsync(TContext probe, CancellationToken cancellationToken)
    {
        if (_disposed || System.Transactions.Transaction.Current is not null || probe.Database.GetConnectionString() is not { } key)
        {
            return null;
        }

        if (_sessions.TryGetValue(key, out var session))
        {
            return session;
        }

        var context = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        session = await WriterSession.OpenAsync(context, key, cancellationToken).ConfigureAwait(false);
        _sessions[key] = session;
        return session;
    }

    /// <summary>Closes and forgets a session after a failure, so the next write opens a fresh connection.</summary>
    public async ValueTask DiscardAsync(WriterSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, WriterSession>(session.Key, session)))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var key in _sessions.Keys)
        {
            if (_sessions.TryRemove(key, out var session))
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var key in _sessions.Keys)
        {
            if (_sessions.TryRemove(key, out var session))
            {
                session.Dispose();
            }
        }
    }
}
