namespace Invitations.AspNetCore.Identity;

/// <summary>What the invitee submits on the registration page an invitation link opens.</summary>
public sealed record InvitationRegistration
{
    /// <summary>The token from the link.</summary>
    public required string Token { get; init; }

    /// <summary>The password the invitee chose; checked by Identity's password validators. Never stored, logged or put in a fact.</summary>
    public required string Password { get; init; }

    /// <summary>The user name of the new account. Default: the invited e-mail address (the mobile number for an SMS invitation).</summary>
    public string? UserName { get; init; }

    /// <summary>The given name, when the invitee changed the pre-filled one; reported in the <c>ACCOUNT_CREATED</c> fact and stored as the <c>given_name</c> claim.</summary>
    public string? GivenName { get; init; }

    /// <summary>The family name, when the invitee changed the pre-filled one; reported and stored as <see cref="GivenName"/> is.</summary>
    public string? FamilyName { get; init; }

    /// <summary>The host's id of this HTTP request (for example <c>HttpContext.TraceIdentifier</c>): the <c>requestId</c> attribute of the <c>ACCOUNT_CREATED</c> fact.</summary>
    public string? RequestId { get; init; }

    /// <summary>Never prints the password or the token.</summary>
    /// <returns>The user name and names, the secrets redacted.</returns>
    public override string ToString() => $"InvitationRegistration {{ UserName = {UserName}, GivenName = {GivenName}, FamilyName = {FamilyName}, RequestId = {RequestId} }}";
}
