namespace Invitations;

/// <summary>
/// The account a host created to accept an invitation into, reported as an <see cref="FactTypes.AccountCreated"/> fact in
/// the same store write as <c>INVITE_ACCEPTED</c> (set <see cref="AcceptRequest.AccountCreated"/>): the fact is saved
/// exactly when the acceptance is.
/// </summary>
public sealed record AccountCreation
{
    /// <summary>The identity provider of the account (cidaas attribute <c>provider</c>; <c>self</c> for a local account with a password).</summary>
    public required string Provider { get; init; }

    /// <summary>The id of the register request (cidaas attribute <c>requestId</c>), when the host has one.</summary>
    public string? RequestId { get; init; }

    /// <summary>The register request as the fact reports it (<see cref="InvitationFact.Request"/>). Never put a password or token here.</summary>
    public IReadOnlyDictionary<string, string> Request { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
