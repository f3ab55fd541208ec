namespace Invitations;

/// <summary>The names of the health checks <c>IHealthChecksBuilder.AddInvitations()</c> registers.</summary>
public static class InvitationsHealthCheckNames
{
    /// <summary>The store answers a cheap call within <see cref="HealthCheckOptions.StoreTimeout"/>.</summary>
    public const string Store = "invitations.store";

    /// <summary>The outbox backlog and the age of its oldest due item are under <see cref="HealthCheckOptions"/>'s thresholds.</summary>
    public const string Outbox = "invitations.outbox";

    /// <summary>The background dispatcher's loop is alive.</summary>
    public const string Dispatcher = "invitations.dispatcher";
}
