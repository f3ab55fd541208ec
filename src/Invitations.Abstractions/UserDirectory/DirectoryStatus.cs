namespace Invitations;

/// <summary>What the host's user directory knows about an address, for one organization (<see cref="IUserDirectory.GetStatusAsync"/>).</summary>
public enum DirectoryStatus
{
    /// <summary>No account owns the address: the invitation links to registration (<c>view_type=register</c>).</summary>
    NotRegistered,

    /// <summary>
    /// An account owns the address but is not a member of the organization: the invitation links to sign-in
    /// (<c>view_type=login</c>), so the person joins the organization with the account they already have.
    /// </summary>
    RegisteredElsewhere,

    /// <summary>The account is already a member of the organization: the invitation is refused with <c>user_already_registered</c> (when <c>SkipRegisteredUsers</c> is on).</summary>
    Member,
}
