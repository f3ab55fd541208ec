namespace Invitations;

/// <summary>What an identity event did under the automatic-invitation policy.</summary>
public enum AutoInviteStatus
{
    /// <summary>An invitation was created and queued for delivery.</summary>
    Invited = 0,

    /// <summary>This identity was already invited automatically (the same event arrived again): nothing new was created.</summary>
    AlreadyInvited = 1,

    /// <summary>Automatic invitations are disabled.</summary>
    Disabled = 2,

    /// <summary>The identity was created before <see cref="AutoInviteOptions.EnabledSince"/>: it is never invited automatically.</summary>
    CreatedBeforeEnabledSince = 3,

    /// <summary>The identity did not enter <see cref="AutoInviteOptions.LifecycleState"/> with this event.</summary>
    NotInTriggerState = 4,

    /// <summary>The host's directory reports the address as a registered user.</summary>
    SkippedAlreadyRegistered = 5,

    /// <summary>The recipient already has a pending invitation; it is not resent.</summary>
    SkippedPendingExists = 6,

    /// <summary>Refused with a typed error (see <see cref="AutoInviteResult.Error"/>), for example no usable address.</summary>
    Failed = 7,
}
