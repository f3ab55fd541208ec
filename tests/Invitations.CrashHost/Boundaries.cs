namespace Invitations.CrashHost;

/// <summary>
/// The step boundaries of delivery, as seen from outside the dispatcher (the store it calls, the sender and the sink
/// it hands work to). The process kills itself with SIGKILL on the chosen boundary's n-th crossing: no finally block,
/// no flush, no disposal runs, as when a host is killed by its orchestrator or loses power.
/// </summary>
internal static class Boundaries
{
    /// <summary>A save with outbox items returned: the invitation and its items are committed, nothing is delivered.</summary>
    public const string Written = "written";

    /// <summary>A claim returned items: they are leased to this process, not yet sent.</summary>
    public const string Claimed = "claimed";

    /// <summary>The sender handed the message on (and recorded it): not yet completed in the store.</summary>
    public const string Sent = "sent";

    /// <summary>The sink took the fact (and recorded it): not yet completed in the store.</summary>
    public const string Delivered = "delivered";

    /// <summary>INVITE_DELIVERY_FAILED is committed for a message that failed for good: the message item is not yet marked failed.</summary>
    public const string FailureRecorded = "failure-recorded";

    /// <summary>A completion returned: the items are done, whatever follows is not.</summary>
    public const string Completed = "completed";

    private static int s_hits;

    /// <summary>The boundary to die on (null: never).</summary>
    public static string? KillAt { get; set; }

    /// <summary>Which crossing of <see cref="KillAt"/> kills (1 is the first).</summary>
    public static int Crossing { get; set; } = 1;

    public static void Cross(string boundary)
    {
        if (boundary != KillAt || Interlocked.Increment(ref s_hits) != Crossing)
        {
            return;
        }

        // The parent reads this line to know where the process died; then SIGKILL, from the process itself.
        Console.Out.WriteLine("KILL " + boundary);
        Console.Out.Flush();
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
