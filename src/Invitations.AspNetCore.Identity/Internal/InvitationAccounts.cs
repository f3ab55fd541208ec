using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>
/// Registration by invitation over <see cref="UserManager{TUser}"/>, keeping <b>one invitation, one account</b>
/// (see <see cref="IInvitationAccounts{TUser}"/>). The order is: check the token and the roles (nothing written yet);
/// create the account locked, with the marker claims and the grants; accept (the store's single write decides the one
/// winner among racing requests, and carries ACCOUNT_CREATED beside INVITE_ACCEPTED); unlock and unmark. A refused or
/// failed accept deletes the account unless the store says the invitation was accepted into it.
/// </summary>
internal sealed partial class InvitationAccounts<TUser, TRole>(
    UserManager<TUser> users, IInvitationRedemption redemption, IInvitationStore store, IClock clock, IServiceProvider services,
    IOptions<InvitationAccountOptions> options, ILogger<InvitationAccounts<TUser, TRole>> logger) : IInvitationAccounts<TUser>
    where TUser : IdentityUser, new()
    where TRole : IdentityRole, new()
{
    private readonly InvitationAccountOptions _options = options.Value;
    private readonly AccountGrants<TUser, TRole> _grants = new(users, services, options.Value);

    public async Task<InvitationAccountResult<TUser>> RegisterAsync(InvitationRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (Validate(registration) is { } invalid)
        {
            return Fail(invalid);
        }

        var digest = AccountMarkers.Digest(registration.Token);

        // 1. An earlier request with this link may have left a half-made account (found by the id the link derives):
        // complete it, wait for it, or remove it.
        var accountId = AccountMarkers.AccountId(registration.Token);
        if (await users.FindByIdAsync(accountId).ConfigureAwait(false) is { } earlier
            && await ResumeAsync(earlier, registration, cancellationToken).ConfigureAwait(false) is { } resumed)
        {
            return resumed;
        }

        // 2. Nothing is written before the token, the invitation and its roles check out.
        var (invitation, error) = await PendingInvitationAsync(registration.Token, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Fail(error);
        }

        if (await _grants.EnsureRolesExistAsync(invitation!).ConfigureAwait(false) is { } roleError)
        {
            return Fail(roleError);
        }

        // 3. The account, locked and marked until the invitation is accepted into it.
        var user = new TUser
        {
            Id = accountId,
            UserName = registration.UserName ?? invitation!.Email ?? invitation.MobileNumber,
            Email = invitation!.Email,
            PhoneNumber = invitation.MobileNumber,
            LockoutEnabled = true,
            LockoutEnd = AccountMarkers.LockoutEnd(clock.GetCurrentInstant()),
        };
        var created = await CreateAsync(user, registration.Password).ConfigureAwait(false);
        if (created?.Error?.Code == InvitationErrorCodes.AccountExists && await RemoveSupersededAsync(user.UserName!, invitation.Id, registration.Token).ConfigureAwait(false))
        {
            created = await CreateAsync(user, registration.Password).ConfigureAwait(false);
        }

        if (created is not null)
        {
            return created;
        }

        var markers = new AccountMarkers(invitation.Id.ToString(), digest, clock.GetCurrentInstant());
        var claims = markers.ToClaims().Concat(_grants.Claims(invitation, registration.GivenName, registration.FamilyName)).ToList();
        var (granted, _, _) = await _grants.AddMissingAsync(user, claims, invitation.Roles).ConfigureAwait(false);
        if (!granted.Succeeded)
        {
            await DeleteAsync(user).ConfigureAwait(false);
            return Fail(new InvitationError(InvitationErrorCodes.AccountRejected, "The account could not take the invitation's claims or roles."), granted.Errors);
        }

        // 4 and 5.
        return await AcceptAndFinishAsync(user, registration, invitation.Id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvitationResult<SignedInInvitationCheck>> CheckSignedInAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var preview = await redemption.PreviewAsync(token, cancellationToken).ConfigureAwait(false);
        if (!preview.IsSuccess)
        {
            return preview.Error;
        }

        var account = await users.GetUserAsync(user).ConfigureAwait(false);
        if (account is null || AccountMarkers.From(await users.GetClaimsAsync(account).ConfigureAwait(false)) is not null)
        {
            return new SignedInInvitationCheck { Status = SignedInAccountStatus.NotSignedIn, Invitation = preview.Value };
        }

        var same = HasInvitedAddress(account, preview.Value.Email, preview.Value.MobileNumber);
        return new SignedInInvitationCheck
        {
            Status = same ? SignedInAccountStatus.SameAddress : SignedInAccountStatus.DifferentAddress,
            Invitation = preview.Value,
            SignedInEmail = account.Email,
            SameEmailRequired = !same && preview.Value.AllowSameEmailOnly && preview.Value.Email is not null,
        };
    }

    public async Task<InvitationAccountResult<TUser>> AcceptSignedInAsync(ClaimsPrincipal user, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var account = await users.GetUserAsync(user).ConfigureAwait(false);
        if (account is null || AccountMarkers.From(await users.GetClaimsAsync(account).ConfigureAwait(false)) is not null)
        {
            return Fail(new InvitationError(InvitationHttpErrorCodes.Unauthenticated, "Accepting into an account needs a signed-in user."));
        }

        var (invitation, error) = await PendingInvitationAsync(token, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Fail(error);
        }

        // Core refuses this too, but only after the grants would have been added: refuse before writing anything.
        if (invitation!.AllowSameEmailOnly && invitation.Email is not null && !HasInvitedAddress(account, invitation.Email, null))
        {
            return Fail(new InvitationError(InvitationErrorCodes.SameEmailRequired, "This invitation must be accepted with the invited e-mail address.") { Field = "email" });
        }

        if (await _grants.EnsureRolesExistAsync(invitation).ConfigureAwait(false) is { } roleError)
        {
            return Fail(roleError);
        }

        var (granted, addedClaims, addedRoles) = await _grants.AddMissingAsync(account, _grants.Claims(invitation, null, null), invitation.Roles).ConfigureAwait(false);
        if (!granted.Succeeded)
        {
            await _grants.RemoveAsync(account, addedClaims, addedRoles).ConfigureAwait(false);
            return Fail(new InvitationError(InvitationErrorCodes.AccountRejected, "The account could not take the invitation's claims or roles."), granted.Errors);
        }

        var accepted = await redemption.AcceptAsync(token, new AcceptRequest(account.Id) { Email = account.Email }, cancellationToken).ConfigureAwait(false);
        if (!accepted.IsSuccess)
        {
            // The grants belong to the acceptance: without it the account keeps only what it had. A racing request of the
            // same account (a double-click, two tabs) that won the accept found these grants present and added nothing:
            // then they are that acceptance's, and stay.
            var now = await store.FindAsync(invitation.Id, CancellationToken.None).ConfigureAwait(false);
            if (now is not { State: InvitationState.Accepted } || now.AcceptedSubjectId != account.Id)
            {
                await _grants.RemoveAsync(account, addedClaims, addedRoles).ConfigureAwait(false);
            }

            return Fail(accepted.Error);
        }

        if (!account.EmailConfirmed && ProvesEmail(invitation, account))
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account).ConfigureAwait(false);
        }

        Log.AcceptedIntoAccount(logger, invitation.Id, account.Id);
        return InvitationAccountResult<TUser>.Success(account, accepted.Value);
    }

    /// <summary>Accepts into the half-made <paramref name="user"/>, then unlocks it; on a refusal or a fault, settles by the store's word.</summary>
    private async Task<InvitationAccountResult<TUser>> AcceptAndFinishAsync(TUser user, InvitationRegistration registration, InvitationId invitationId, CancellationToken cancellationToken)
    {
        InvitationResult<AcceptResult> accepted;
        try
        {
            accepted = await redemption.AcceptAsync(registration.Token, new AcceptRequest(user.Id) { Email = user.Email, AccountCreated = AccountCreated(user, registration) }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Also on cancellation: the store may have saved the acceptance before the call was abandoned.
            await SettleAsync(user, invitationId).ConfigureAwait(false);
            throw;
        }

        if (!accepted.IsSuccess)
        {
            // A racing request that adopted this very account may have won: then the account stays and is finished.
            var data = await store.FindAsync(invitationId, CancellationToken.None).ConfigureAwait(false);
            if (data?.State == InvitationState.Accepted && data.AcceptedSubjectId == user.Id)
            {
                return await FinishAsync(user, data, null).ConfigureAwait(false);
            }

            await DeleteAsync(user).ConfigureAwait(false);
            return Fail(accepted.Error);
        }

        var invitation = await store.FindAsync(invitationId, CancellationToken.None).ConfigureAwait(false);
        return await FinishAsync(user, invitation!, accepted.Value).ConfigureAwait(false);
    }

    /// <summary>
    /// After a fault during accept: keeps the account if the store says the invitation was accepted into it (it is finished by
    /// a retry), deletes it otherwise. When even the store cannot be read the account stays locked and marked, and a retry
    /// settles it. The caller rethrows the original fault.
    /// </summary>
    private async Task SettleAsync(TUser user, InvitationId invitationId)
    {
        try
        {
            var data = await store.FindAsync(invitationId, CancellationToken.None).ConfigureAwait(false);
            if (data is not null && data.AcceptedSubjectId != user.Id)
            {
                await DeleteAsync(user).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The original fault is the one to report; this is best-effort cleanup a retry repeats.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.SettleFailed(logger, e, user.Id);
        }
    }

    /// <summary>Unlocks and unmarks the account (one write) and sets <c>EmailConfirmed</c> when the invitation proves the address.</summary>
    private async Task<InvitationAccountResult<TUser>> FinishAsync(TUser user, InvitationData invitation, AcceptResult? accepted)
    {
        user.LockoutEnd = null;
        user.LockoutEnabled = users.Options.Lockout.AllowedForNewUsers;
        user.EmailConfirmed = ProvesEmail(invitation, user);
        var markers = (await users.GetClaimsAsync(user).ConfigureAwait(false)).Where(AccountMarkers.IsMarker).ToList();

        // RemoveClaimsAsync saves the user too: the unlock and the unmarking are one write.
        var finished = markers.Count > 0 ? await users.RemoveClaimsAsync(user, markers).ConfigureAwait(false) : await users.UpdateAsync(user).ConfigureAwait(false);
        if (!finished.Succeeded)
        {
            // The invitation is accepted into this account; a retry with the same link finishes it (it is found by its marker).
            return Fail(new InvitationError(InvitationErrorCodes.ConcurrencyConflict, "The account was accepted but could not be unlocked; try again."), finished.Errors);
        }

        Log.Registered(logger, invitation.Id, user.Id);
        return InvitationAccountResult<TUser>.Success(user, accepted);
    }

    /// <summary>
    /// The account that carries this link's id: the result when it settles the request, or null when registration goes on
    /// (the account was removed, or it is a finished account and the invitation's own answer applies).
    /// </summary>
    private async Task<InvitationAccountResult<TUser>?> ResumeAsync(TUser earlier, InvitationRegistration registration, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var markers = AccountMarkers.From(await users.GetClaimsAsync(earlier).ConfigureAwait(false));
        var began = markers?.Since ?? AccountMarkers.BeganAt(earlier.LockoutEnd, now);
        if (began is null)
        {
            // A finished account: the invitation's own answer (already accepted) applies.
            return null;
        }

        if (await AcceptedIntoAsync(earlier, markers, cancellationToken).ConfigureAwait(false) is { } accepted)
        {
            // Accepted, then interrupted before the unlock: finish it. This request brings the token, so it may.
            return await FinishAsync(earlier, accepted, null).ConfigureAwait(false);
        }

        // Not accepted into it when read above (without markers it was cut off before them, so before accepting).
        var (invitation, error) = await PendingInvitationAsync(registration.Token, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            // The invitation can no longer be accepted into it (the preview's word): the half-made account must not
            // outlive it, unless it was accepted into since the read above. An expiry changes no row, so the request
            // still making the account may have decided its acceptance just before it and save it yet: a fresh account
            // of an expired invitation is left to that request, which removes it itself if the acceptance fails.
            var whileFresh = error.Code == InvitationErrorCodes.InvitationExpired ? Fail(error) : null;
            return await RemoveUnlessTakenAsync(earlier, now, whileFresh, cancellationToken).ConfigureAwait(false);
        }

        if (now - began.Value < Duration.FromTimeSpan(_options.InterruptedAfter))
        {
            return Fail(new InvitationError(InvitationErrorCodes.AccountExists, "An account for this invitation is being created by another request."));
        }

        if (!await users.CheckPasswordAsync(earlier, registration.Password).ConfigureAwait(false))
        {
            // Older than InterruptedAfter: its request is taken for dead, unless it accepted into it meanwhile.
            return await RemoveUnlessTakenAsync(earlier, now, whileFresh: null, cancellationToken).ConfigureAwait(false);
        }

        var claims = _grants.Claims(invitation!, registration.GivenName, registration.FamilyName);
        if (markers is null)
        {
            claims = [.. new AccountMarkers(invitation!.Id.ToString(), AccountMarkers.Digest(registration.Token), began.Value).ToClaims(), .. claims];
        }

        var (granted, _, _) = await _grants.AddMissingAsync(earlier, claims, invitation!.Roles).ConfigureAwait(false);
        return granted.Succeeded
            ? await AcceptAndFinishAsync(earlier, registration, invitation.Id, cancellationToken).ConfigureAwait(false)
            : Fail(new InvitationError(InvitationErrorCodes.AccountRejected, "The account could not take the invitation's claims or roles."), granted.Errors);
    }

    /// <summary>
    /// Removes the half-made account <paramref name="earlier"/>, read again first: the request that made it may have
    /// accepted into it since (its markers come before its acceptance; then this request, which brings the token,
    /// finishes it), finished it (then the invitation's own answer applies: null), or still be making it (younger than
    /// <see cref="InvitationAccountOptions.InterruptedAfter"/>: answered <paramref name="whileFresh"/> and kept; null
    /// <paramref name="whileFresh"/> removes it anyway). Null when registration goes on.
    /// </summary>
    private async Task<InvitationAccountResult<TUser>?> RemoveUnlessTakenAsync(
        TUser earlier, Instant now, InvitationAccountResult<TUser>? whileFresh, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(earlier.Id).ConfigureAwait(false) is not { } current)
        {
            return null;
        }

        var markers = AccountMarkers.From(await users.GetClaimsAsync(current).ConfigureAwait(false));
        if (await AcceptedIntoAsync(current, markers, cancellationToken).ConfigureAwait(false) is { } accepted)
        {
            return await FinishAsync(current, accepted, null).ConfigureAwait(false);
        }

        if ((markers?.Since ?? AccountMarkers.BeganAt(current.LockoutEnd, now)) is not { } began)
        {
            return null;
        }

        if (whileFresh is not null && now - began < Duration.FromTimeSpan(_options.InterruptedAfter))
        {
            return whileFresh;
        }

        if (await DeleteAsync(current).ConfigureAwait(false))
        {
            Log.RemovedHalfMade(logger, markers?.InvitationId ?? string.Empty, current.Id);
        }

        return null;
    }

    /// <summary>The invitation <paramref name="markers"/> (<paramref name="account"/>'s) name, when it is accepted into that account; else null.</summary>
    private async Task<InvitationData?> AcceptedIntoAsync(TUser account, AccountMarkers? markers, CancellationToken cancellationToken) =>
        markers is not null
        && InvitationId.TryParse(markers.InvitationId, out var id)
        && await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { State: InvitationState.Accepted } accepted
        && accepted.AcceptedSubjectId == account.Id
            ? accepted
            : null;

    /// <summary>
    /// Removes the half-made account holding <paramref name="userName"/> when it was made for this invitation with a link a
    /// resend has since replaced: that link can never be accepted, so the account would otherwise block the new one forever.
    /// </summary>
    private async Task<bool> RemoveSupersededAsync(string userName, InvitationId invitationId, string token)
    {
        if (await users.FindByNameAsync(userName).ConfigureAwait(false) is not { } existing
            || AccountMarkers.From(await users.GetClaimsAsync(existing).ConfigureAwait(false)) is not { } markers
            || markers.InvitationId != invitationId.ToString() || existing.Id == AccountMarkers.AccountId(token))
        {
            return false;
        }

        var deleted = await users.DeleteAsync(existing).ConfigureAwait(false);
        Log.RemovedHalfMade(logger, markers.InvitationId, existing.Id);
        return deleted.Succeeded;
    }

    /// <summary>The invitation behind <paramref name="token"/> when it can be accepted now (the preview's rules), with its grants.</summary>
    private async Task<(InvitationData? Invitation, InvitationError? Error)> PendingInvitationAsync(string token, CancellationToken cancellationToken)
    {
        var preview = await redemption.PreviewAsync(token, cancellationToken).ConfigureAwait(false);
        if (!preview.IsSuccess)
        {
            return (null, preview.Error);
        }

        var data = await store.FindAsync(preview.Value.Id, cancellationToken).ConfigureAwait(false);
        return data is null ? (null, new InvitationError(InvitationErrorCodes.InvalidToken, "The invitation token is not valid.")) : (data, null);
    }

    /// <summary>Creates the account; null when it was created, the failure otherwise (nothing is left behind).</summary>
    private async Task<InvitationAccountResult<TUser>?> CreateAsync(TUser user, string password)
    {
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password).ConfigureAwait(false);
        }
        catch (Exception) when (user.UserName is not null)
        {
            // A racing request may have inserted the same id (the same link) or user name between Identity's uniqueness
            // check and this insert (the store's unique index refused it): that is a duplicate, anything else is a fault.
            if (await users.FindByIdAsync(user.Id).ConfigureAwait(false) is null && await users.FindByNameAsync(user.UserName).ConfigureAwait(false) is null)
            {
                throw;
            }

            return Fail(new InvitationError(InvitationErrorCodes.AccountExists, "An account with this user name exists.") { Field = IdentityErrorFields.UserName }, [users.ErrorDescriber.DuplicateUserName(user.UserName)]);
        }

        if (created.Succeeded)
        {
            return null;
        }

        var errors = created.Errors.ToList();
        var fields = errors.Select(IdentityErrorFields.For).ToHashSet(StringComparer.Ordinal);
        var code = fields.Contains(IdentityErrorFields.Password) ? InvitationErrorCodes.PasswordRejected
            : errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)) ? InvitationErrorCodes.AccountExists
            : InvitationErrorCodes.AccountRejected;
        var field = code == InvitationErrorCodes.PasswordRejected ? IdentityErrorFields.Password : fields.FirstOrDefault(f => f.Length > 0);
        return Fail(new InvitationError(code, string.Join(" ", errors.Select(e => e.Description))) { Field = field }, errors);
    }

    private async Task<bool> DeleteAsync(TUser user)
    {
        var deleted = await users.DeleteAsync(user).ConfigureAwait(false);
        if (!deleted.Succeeded)
        {
            // Locked and marked, it cannot be used; a retry with the link removes it.
            Log.DeleteFailed(logger, user.Id);
        }

        return deleted.Succeeded;
    }

    /// <summary>The register request as the ACCOUNT_CREATED fact reports it: what the invitee submitted, never the password or the token.</summary>
    private AccountCreation AccountCreated(TUser user, InvitationRegistration registration)
    {
        var request = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(request, "username", user.UserName);
        Add(request, "email", user.Email);
        Add(request, "mobile_number", user.PhoneNumber);
        Add(request, "given_name", registration.GivenName);
        Add(request, "family_name", registration.FamilyName);
        return new AccountCreation { Provider = _options.Provider, RequestId = registration.RequestId, Request = request };

        static void Add(Dictionary<string, string> map, string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                map[key] = value;
            }
        }
    }

    /// <summary>The invitation's e-mail went to this very address: only then does the account's address count as confirmed.</summary>
    private static bool ProvesEmail(InvitationData invitation, TUser user) =>
        invitation.Channel == MessageChannel.Email && invitation.SendCount > 0 && invitation.Email is not null
        && string.Equals(invitation.DeliveryAddress, invitation.Email, StringComparison.OrdinalIgnoreCase)
        && string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase);

    private static bool HasInvitedAddress(TUser account, string? email, string? mobileNumber) =>
        email is not null
            ? string.Equals(account.Email, email, StringComparison.OrdinalIgnoreCase)
            : mobileNumber is not null && string.Equals(account.PhoneNumber, mobileNumber, StringComparison.Ordinal);

    private static InvitationError? Validate(InvitationRegistration registration) =>
        string.IsNullOrEmpty(registration.Token) ? new InvitationError(InvitationErrorCodes.InvalidToken, "The invitation token is missing.") { Field = "token" }
        : string.IsNullOrEmpty(registration.Password) ? new InvitationError(InvitationErrorCodes.PasswordRejected, "A password is required.") { Field = IdentityErrorFields.Password }
        : registration.UserName is { } name && string.IsNullOrWhiteSpace(name) ? new InvitationError(InvitationErrorCodes.FieldInvalid, "The user name must not be blank.") { Field = IdentityErrorFields.UserName }
        : null;

    private static InvitationAccountResult<TUser> Fail(InvitationError error, IEnumerable<IdentityError>? identityErrors = null) =>
        InvitationAccountResult<TUser>.Failure(error, identityErrors?.ToList());

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Invitation {InvitationId} accepted into the new account {UserId}")]
        public static partial void Registered(ILogger logger, InvitationId invitationId, string userId);

        [LoggerMessage(2, LogLevel.Information, "Invitation {InvitationId} accepted into the existing account {UserId}")]
        public static partial void AcceptedIntoAccount(ILogger logger, InvitationId invitationId, string userId);

        [LoggerMessage(3, LogLevel.Information, "Removed the half-made account {UserId} of invitation {InvitationId}: the invitation can no longer be accepted into it")]
        public static partial void RemovedHalfMade(ILogger logger, string invitationId, string userId);

        [LoggerMessage(4, LogLevel.Warning, "Could not delete the half-made account {UserId}; it stays locked and a retry with the link removes it")]
        public static partial void DeleteFailed(ILogger logger, string userId);

        [LoggerMessage(5, LogLevel.Warning, "Could not settle the account {UserId} after a failed acceptance; it stays locked and a retry with the link settles it")]
        public static partial void SettleFailed(ILogger logger, Exception exception, string userId);
    }
}
