namespace Invitations;

/// <summary>The result of inviting or resending.</summary>
public sealed record InviteResult
{
    /// <summary>What happened.</summary>
    public required InviteStatus Status { get; init; }

    /// <summary>The invitation as it is now.</summary>
    public required InvitationSnapshot Invitation { get; init; }

    /// <summary>
    /// The invitation link with the live token, shown only here and in the message (PingOne returns it
    /// too). Null when no new token was issued (<see cref="InviteStatus.Reused"/>, <see cref="InviteStatus.Replayed"/>).
    /// </summary>
    public string? Link { get; init; }

    /// <summary>The rendered message that was queued for sending; null with <c>SkipSend</c> or when nothing was sent.</summary>
    public OutgoingMessage? Message { get; init; }

    /// <summary>Hides the link: a result printed to a log must not leak the token.</summary>
    /// <returns>A description without the link or message body.</returns>
    public override string ToString() => $"InviteResult {{ Status = {Status}, Invitation = {Invitation.Id}, State = {Invitation.State} }}";
}
