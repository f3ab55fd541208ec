using Microsoft.Extensions.Logging;

namespace Invitations.Diagnostics;

/// <summary>Logs and counts every refused operation (an expected failure with a stable code), whichever service refused it.</summary>
internal sealed class Refusals(InvitationsTelemetry telemetry, ILogger<Refusals> logger)
{
    /// <summary>Logs and counts <paramref name="error"/>, and passes it on.</summary>
    public InvitationError Record(InvitationError error)
    {
        Log.Refused(logger, error.Code);
        telemetry.Failed.Add(1, new KeyValuePair<string, object?>("code", error.Code));
        return error;
    }
}
