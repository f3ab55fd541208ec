namespace Invitations.HealthChecks;

/// <summary>A token cancelled by the caller or after a timeout on the host's clock (a fake clock in tests).</summary>
internal static class TimeoutSource
{
    public static CancellationTokenSource Create(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), source, timeout, Timeout.InfiniteTimeSpan);
        source.Token.Register(static t => ((ITimer)t!).Dispose(), timer);
        return source;
    }
}
