using NodaTime;

namespace Invitations.Domain;

/// <summary>Projects stored data to the public snapshot (no token hash, effective state).</summary>
internal static class Snapshots
{
    public static InvitationSnapshot ToSnapshot(this InvitationData d, Instant now) =>
        InvitationSnapshot.From(d, InvitationStateMachine.EffectiveState(d, now));
}
