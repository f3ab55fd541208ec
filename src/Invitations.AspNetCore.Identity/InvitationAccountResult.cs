using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;

namespace Invitations.AspNetCore.Identity;

/// <summary>The outcome of registering or accepting into an account by invitation.</summary>
/// <typeparam name="TUser">The Identity user type.</typeparam>
public sealed class InvitationAccountResult<TUser>
    where TUser : class
{
    private InvitationAccountResult(TUser? user, AcceptResult? accepted, InvitationError? error, IReadOnlyList<IdentityError> identityErrors) =>
        (User, Accepted, Error, IdentityErrors) = (user, accepted, error, identityErrors);

    /// <summary>Whether the account exists and the invitation is accepted into it.</summary>
    [MemberNotNullWhen(true, nameof(User))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The account the invitation was accepted into; set when <see cref="Succeeded"/>.</summary>
    public TUser? User { get; }

    /// <summary>
    /// What the acceptance granted (the groups, roles and custom fields now on the account, and the allow-listed redirect);
    /// set when this call accepted the invitation. Null when the call completed an account an earlier, interrupted call
    /// had already accepted (see the recovery rules in the package documentation), and on failure.
    /// </summary>
    public AcceptResult? Accepted { get; }

    /// <summary>Why it failed, with a stable code from <see cref="InvitationErrorCodes"/>; null on success.</summary>
    public InvitationError? Error { get; }

    /// <summary>
    /// Identity's own errors behind a <c>password_rejected</c> or <c>account_exists</c> error (password rules, duplicate
    /// user name, invalid user name), as Identity reported them; empty otherwise.
    /// </summary>
    public IReadOnlyList<IdentityError> IdentityErrors { get; }

    /// <summary>A success.</summary>
    /// <param name="user">The account.</param>
    /// <param name="accepted">The acceptance, when this call made it.</param>
    /// <returns>The result.</returns>
    public static InvitationAccountResult<TUser> Success(TUser user, AcceptResult? accepted) =>
        new(user ?? throw new ArgumentNullException(nameof(user)), accepted, null, []);

    /// <summary>A failure.</summary>
    /// <param name="error">The error.</param>
    /// <param name="identityErrors">Identity's errors behind it, if any.</param>
    /// <returns>The result.</returns>
    public static InvitationAccountResult<TUser> Failure(InvitationError error, IReadOnlyList<IdentityError>? identityErrors = null) =>
        new(null, null, error ?? throw new ArgumentNullException(nameof(error)), identityErrors ?? []);
}
