using System.Diagnostics;

namespace Invitations.Diagnostics;

/// <summary>
/// One service operation's span and duration: started on entry, stopped once with the operation's error (or none). A
/// struct held in the service method's frame, so an operation allocates nothing here when no listener is attached.
/// </summary>
internal readonly struct OperationScope
{
    private readonly InvitationsTelemetry _telemetry;
    private readonly string _operation;
    private readonly long _started;

    public OperationScope(InvitationsTelemetry telemetry, string operation, Activity? activity)
    {
        _telemetry = telemetry;
        _operation = operation;
        Activity = activity;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The operation's span, when something listens to the library's source.</summary>
    public Activity? Activity { get; }

    /// <summary>Ends the operation: success when <paramref name="error"/> is null, else status Error with the code as <c>error.type</c>.</summary>
    public void Stop(InvitationError? error) => Stop(error?.Code);

    /// <summary>Ends an operation that threw: status Error with the exception's type name as <c>error.type</c>.</summary>
    public void Stop(Exception exception) => Stop(exception.GetType().FullName ?? exception.GetType().Name);

    private void Stop(string? errorType)
    {
        var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var operation = new KeyValuePair<string, object?>(TelemetryTags.Operation, _operation);
        if (errorType is null)
        {
            _telemetry.OperationDuration.Record(seconds, operation, new(TelemetryTags.Outcome, TelemetryTags.Success));
        }
        else
        {
            _telemetry.OperationDuration.Record(seconds, operation, new(TelemetryTags.Outcome, TelemetryTags.Failure), new(TelemetryTags.ErrorType, errorType));
            if (Activity is { } failed)
            {
                failed.SetTag(TelemetryTags.ErrorType, errorType);
                failed.SetStatus(ActivityStatusCode.Error, errorType);
            }
        }

        Activity?.Dispose();
    }
}
