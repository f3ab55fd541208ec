using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// A store's writer sessions, one per connection string (a context factory may serve several databases), each used
/// only by the holder of that database's write gate (<see cref="SqliteStoreProvider.Gate"/>). Disposal takes each
/// database's gate before it closes the session, so it never closes a connection under a write in flight.
/// </summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
internal sealed class WriterSessions<TContext> : IAsyncDisposable, IDisposable
    where TContext : DbContext
{
    /// <summary>How long disposal waits for a write in flight before it closes the connection anyway.</summary>
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(5);

    private readonly IDbContextFactory<TContext> _factory;
    private readonly ConcurrentDictionary<string, WriterSession> _sessions = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public WriterSessions(IDbContextFactory<TContext> factory) => _factory = factory;

    /// <summary>
    /// The session for the database <paramref name="probe"/> connects to, opened on first use; null once the store is
    /// disposed, when the host's ambient transaction must enlist the write's own connection, or when the factory's next
    /// context would connect elsewhere (a factory that chooses the database per call). Call it under the database's write gate.
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
        if (!string.Equals(context.Database.GetConnectionString(), key, StringComparison.Ordinal))
        {
            await context.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        session = await WriterSession.OpenAsync(context, key, cancellationToken).ConfigureAwait(false);
        if (!_sessions.TryAdd(key, session) || _disposed)
        {
            // Disposed meanwhile (its walk over the sessions may have missed this one): write without a session.
            _sessions.TryRemove(new KeyValuePair<string, WriterSession>(key, session));
            await session.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        return session;
    }

    /// <summary>
    /// After an operation on <paramref name="session"/> that threw: keeps the session when its connection is still open
    /// with no transaction left on it (a cancelled write, a refused statement), else closes and forgets it so the next
    /// write opens a fresh connection. A failed write drops its prepared statements (<paramref name="forgetPrepared"/>);
    /// a failed or cancelled lookup keeps them. Never throws.
    /// </summary>
    public async ValueTask AfterFailureAsync(WriterSession session, bool forgetPrepared)
    {
        if (session.IsHealthy)
        {
            if (forgetPrepared)
            {
                session.ForgetPrepared();
            }

            return;
        }

        await DiscardAsync(session).ConfigureAwait(false);
    }

    /// <summary>Closes and forgets a session (a transaction left open on it, a broken connection). Never throws.</summary>
    public async ValueTask DiscardAsync(WriterSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, WriterSession>(session.Key, session)))
        {
            try
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A connection that failed to close is gone either way; the caller's own error is the one to report.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var key in _sessions.Keys)
        {
            var gate = SqliteStoreProvider.Gate(key);
            var entered = await gate.WaitAsync(DisposeWait).ConfigureAwait(false);
            try
            {
                if (_sessions.TryRemove(key, out var session))
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                if (entered)
                {
                    gate.Release();
                }
            }
        }
    }

    /// <summary>
    /// Closes the sessions synchronously (a DI container that disposes synchronously): the same as
    /// <see cref="DisposeAsync"/>, whose only wait is for a write in flight to leave its gate.
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
