using System.Security.Cryptography;
using System.Text;

namespace Invitations.Services;

/// <summary>Automatic invitations for new identities, governed by <see cref="InvitationsOptions.AutoInvite"/>.</summary>
internal sealed partial class InvitationService
{
    public Task<AutoInviteOutcome> OnIdentityCreatedAsync(DirectoryIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var auto = _options.AutoInvite;
        if (Gate(identity) is { } refused)
        {
            return Task.FromResult(refused);
        }

        return auto.LifecycleState is { } trigger && !string.Equals(identity.LifecycleState, trigger, StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(Outcome(AutoInviteStatus.NotInTriggerState))
            : AutoInviteAsync(identity, cancellationToken);
    }

    public Task<AutoInviteOutcome> OnLifecycleChangedAsync(DirectoryIdentity identity, string? previousLifecycleState, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (Gate(identity) is { } refused)
        {
            return Task.FromResult(refused);
        }

        // Only entering the trigger state counts: staying in it (a repeated event) or leaving it does not.
        var trigger = _options.AutoInvite.LifecycleState;
        var enters = trigger is not null
            && string.Equals(identity.LifecycleState, trigger, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(previousLifecycleState, trigger, StringComparison.OrdinalIgnoreCase);
        return enters ? AutoInviteAsync(identity, cancellationToken) : Task.FromResult(Outcome(AutoInviteStatus.NotInTriggerState));
    }

    /// <summary>The system actor automatic invitations and re-invitations are recorded under; it holds the configured inviter roles.</summary>
    private InvitationActor SystemActor() =>
        new(_options.AutoInvite.InviterId, _options.AutoInvite.InviterDisplayName, _options.Inviters.Roles.ToArray());

    /// <summary>The rules every identity event passes first: the feature is on, and the identity is not older than the feature.</summary>
    private AutoInviteOutcome? Gate(DirectoryIdentity identity)
    {
        var auto = _options.AutoInvite;
        if (!auto.Enabled)
        {
            return Outcome(AutoInviteStatus.Disabled);
        }

        // The validator requires EnabledSince when enabled; treating a missing one as "never" keeps the promise anyway.
        return auto.EnabledSince is not { } since || identity.CreatedAt < since ? Outcome(AutoInviteStatus.CreatedBeforeEnabledSince) : null;
    }

    private async Task<AutoInviteOutcome> AutoInviteAsync(DirectoryIdentity identity, CancellationToken cancellationToken)
    {
        var request = RequestFor(identity, SystemActor(), IdempotencyKeyFor(identity));
        var result = await InviteCoreAsync(request, neverResend: true, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            var status = result.Value.Outcome == InviteOutcome.Replayed ? AutoInviteStatus.AlreadyInvited : AutoInviteStatus.Invited;
            return new AutoInviteOutcome { Status = status, InvitationId = result.Value.Invitation.Id };
        }

        return result.Error.Code switch
        {
            // The identity's key was used by an earlier event whose data has changed since: it was invited already.
            InvitationErrorCodes.IdempotencyKeyReused => await AlreadyInvitedAsync(request, cancellationToken).ConfigureAwait(false),
            InvitationErrorCodes.UserAlreadyRegistered => Outcome(AutoInviteStatus.SkippedAlreadyRegistered, result.Error),
            InvitationErrorCodes.DuplicatePending => Outcome(AutoInviteStatus.SkippedPendingExists, result.Error),
            _ => Outcome(AutoInviteStatus.Failed, result.Error),
        };
    }

    private async Task<AutoInviteOutcome> AlreadyInvitedAsync(InviteRequest request, CancellationToken cancellationToken)
    {
        var earlier = await _store.FindByIdempotencyKeyAsync(request.Inviter.Id + "\n" + request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return new AutoInviteOutcome { Status = AutoInviteStatus.AlreadyInvited, InvitationId = earlier?.Id };
    }

    /// <summary>
    /// One key per identity id, hashed so any directory id (long, non-ASCII) fits the key rules and no
    /// directory id is stored in clear beside the invitation.
    /// </summary>
    private static string IdempotencyKeyFor(DirectoryIdentity identity) =>
        "auto-invite:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.Id)));

    private static AutoInviteOutcome Outcome(AutoInviteStatus status, InvitationError? error = null) => new() { Status = status, Error = error };
}
