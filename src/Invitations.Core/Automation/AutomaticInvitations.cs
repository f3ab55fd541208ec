using System.Security.Cryptography;
using System.Text;
using Invitations.Inviting;
using Microsoft.Extensions.Options;

namespace Invitations.Automation;

/// <summary>Automatic invitations for new identities, governed by <see cref="InvitationsOptions.AutoInvite"/>.</summary>
internal sealed class AutomaticInvitations(InvitePipeline pipeline, IInvitationStore store, IOptions<InvitationsOptions> options) : IAutomaticInvitations
{
    private readonly InvitationsOptions _options = options.Value;

    public Task<AutoInviteResult> OnIdentityCreatedAsync(DirectoryIdentity identity, CancellationToken cancellationToken = default)
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

    public Task<AutoInviteResult> OnLifecycleChangedAsync(DirectoryIdentity identity, string? previousLifecycleState, CancellationToken cancellationToken = default)
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

    /// <summary>The rules every identity event passes first: the feature is on, and the identity is not older than the feature.</summary>
    private AutoInviteResult? Gate(DirectoryIdentity identity)
    {
        var auto = _options.AutoInvite;
        if (!auto.Enabled)
        {
            return Outcome(AutoInviteStatus.Disabled);
        }

        // The validator requires EnabledSince when enabled; treating a missing one as "never" keeps the promise anyway.
        return auto.EnabledSince is not { } since || identity.CreatedAt < since ? Outcome(AutoInviteStatus.CreatedBeforeEnabledSince) : null;
    }

    private async Task<AutoInviteResult> AutoInviteAsync(DirectoryIdentity identity, CancellationToken cancellationToken)
    {
        var request = IdentityRequests.For(identity, pipeline.SystemActor(), IdempotencyKeyFor(identity), _options.AutoInvite);
        var result = await pipeline.InviteAsync(request, neverResend: true, authorize: false, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            var status = result.Value.Status == InviteStatus.Replayed ? AutoInviteStatus.AlreadyInvited : AutoInviteStatus.Invited;
            return new AutoInviteResult { Status = status, InvitationId = result.Value.Invitation.Id };
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

    private async Task<AutoInviteResult> AlreadyInvitedAsync(InviteRequest request, CancellationToken cancellationToken)
    {
        var earlier = await store.FindByIdempotencyKeyAsync(request.Inviter.Id + "\n" + request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return new AutoInviteResult { Status = AutoInviteStatus.AlreadyInvited, InvitationId = earlier?.Id };
    }

    /// <summary>
    /// One key per identity id, hashed so any directory id (long, non-ASCII) fits the key rules and no
    /// directory id is stored in clear beside the invitation.
    /// </summary>
    private static string IdempotencyKeyFor(DirectoryIdentity identity) =>
        "auto-invite:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity.Id)));

    private static AutoInviteResult Outcome(AutoInviteStatus status, InvitationError? error = null) => new() { Status = status, Error = error };
}
