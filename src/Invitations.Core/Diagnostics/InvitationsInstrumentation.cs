namespace Invitations;

/// <summary>
/// The names a host gives OpenTelemetry to export the library's traces and metrics:
/// <c>AddSource(InvitationsInstrumentation.ActivitySourceName)</c> and <c>AddMeter(InvitationsInstrumentation.MeterName)</c>.
/// Both carry the package version.
/// </summary>
public static class InvitationsInstrumentation
{
    /// <summary>The name of the library's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Invitations";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Invitations";
}
