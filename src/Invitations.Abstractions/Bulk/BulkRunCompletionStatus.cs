namespace Invitations;

/// <summary>How a bulk run ended (SailPoint task <c>completionStatus</c>).</summary>
public enum BulkRunCompletionStatus
{
    /// <summary>Every request was invited or skipped.</summary>
    Success = 0,

    /// <summary>The run finished, but some requests failed (see the messages).</summary>
    Warning = 1,

    /// <summary>Every request failed, or the run stopped on an infrastructure error (see the messages).</summary>
    Error = 2,

    /// <summary>The run was cancelled; what completed before stays completed.</summary>
    Terminated = 3,
}
