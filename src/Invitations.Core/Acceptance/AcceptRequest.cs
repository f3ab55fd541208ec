namespace Invitations;

/// <summary>What the host knows when the invitee completes registration.</summary>
/// <param name="SubjectId">The id (<c>sub</c>) of the account the host created; reported in <c>INVITE_ACCEPTED</c>.</param>
public sealed record AcceptRequest(string SubjectId)
{
    /// <summary>The e-mail the invitee registered with; required when the invitation is same-e-mail-only.</summary>
    public string? Email { get; init; }

    /// <summary>The account the host created for this acceptance, when it did: saved as an <c>ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY</c> fact in the same store write as <c>INVITE_ACCEPTED</c>.</summary>
    public AccountCreation? AccountCreated { get; init; }
}
