namespace Invitations;

/// <summary>
/// "Send me a new link" (<see cref="IInvitationRedemption.RequestNewLinkAsync"/>): the old token, or the address the
/// person was invited under (with the organization, for hosts that have them). Exactly one of <see cref="Token"/> and
/// <see cref="Address"/>. The new link always goes where the invitation was delivered, never to an address named here.
/// </summary>
public sealed record NewLinkRequest
{
    /// <summary>The token of the invitation's link (expired links still identify their invitation).</summary>
    public string? Token { get; init; }

    /// <summary>The invited e-mail address or mobile number (an address with <c>@</c> is an e-mail address).</summary>
    public string? Address { get; init; }

    /// <summary>The organization the invitation is for, with <see cref="Address"/>; null for a host without organizations.</summary>
    public string? OrganizationId { get; init; }
}
