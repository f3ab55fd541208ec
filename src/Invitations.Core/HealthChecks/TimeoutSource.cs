namespace Invitations.HealthChecks;

/// <summary>A token cancelled by the caller or after a timeout on the host's clock (a fake clock in tests); disposing it stops the timer.</summary>
internal sealed class TimeoutSource : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    private TimeoutSource(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        _timeout = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public static TimeoutSource Create(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) => new(timeout, time, cancellationToken);

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
