using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Inviting;
using Invitations.NewLinks;
using Invitations.Tokens;
using Invitations.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Acceptance;

/// <summary>
/// Operations by token (the invitee's side). An unknown, tampered, superseded, revoked or rejected
/// token takes the same path and gets the same <c>invalid_token</c>; only the holder of the current
/// token learns "expired" or "already accepted".
/// </summary>
internal sealed class InvitationRedemption(
    IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, OutboxDispatcher dispatcher, Refusals refusals,
    InvitationsTelemetry telemetry, ILogger<InvitationRedemption> logger, NewLinkIssuer newLinks) : IInvitationRedemption
{
    private readonly FactFactory _facts = new(options.Value.Links.FactUrlTemplate);

    public async Task<InvitationResult<AcceptResult>> AcceptAsync(string token, AcceptRequest acceptance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        var operation = telemetry.Start(OperationNames.Accept);
        try
        {
            var result = await AcceptCoreAsync(token, acceptance, cancellationToken).ConfigureAwait(false);
            if (operation.Activity is not null && result.IsSuccess)
            {
                Tag(operation, result.Value.Invitation.Id); // projects a snapshot: only when traced
            }

            operation.Stop(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            operation.Stop(ex);
            throw;
        }
    }

    public Task<InvitationResult<InvitationSnapshot>> RejectAsync(string token, CancellationToken cancellationToken = default) =>
        TracedAsync(OperationNames.Reject, token, static (self, t, ct) => self.RejectCoreAsync(t, ct), static s => s.Id, cancellationToken);

    public Task<InvitationResult<InvitationPreview>> PreviewAsync(string token, CancellationToken cancellationToken = default) =>
        TracedAsync(OperationNames.Preview, token, static (self, t, ct) => self.PreviewCoreAsync(t, ct), static p => p.Id, cancellationToken);

    /// <summary>
    /// One operation by token in its span, tagged with the invitation it named and ended with its outcome. Accept has its
    /// own copy of this shape: it is on the gated allocation path and tags only when traced (its id projects a snapshot).
    /// </summary>
    private async Task<InvitationResult<T>> TracedAsync<T>(
        string name, string token, Func<InvitationRedemption, string, CancellationToken, ValueTask<InvitationResult<T>>> core,
        Func<T, InvitationId> idOf, CancellationToken cancellationToken)
    {
        var operation = telemetry.Start(name);
        try
        {
            var result = await core(this, token, cancellationToken).ConfigureAwait(false);
            Tag(operation, result.IsSuccess ? idOf(result.Value) : null);
            operation.Stop(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            operation.Stop(ex);
            throw;
        }
    }

    /// <summary>Tags the span with the invitation the token named, once known: never the token itself.</summary>
    private static void Tag(OperationScope operation, InvitationId? id)
    {
        if (id is { } known)
        {
            operation.Activity?.SetTag(TelemetryTags.InvitationId, known.ToString());
        }
    }

    private async ValueTask<InvitationResult<AcceptResult>> AcceptCoreAsync(string token, AcceptRequest acceptance, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(acceptance.SubjectId) || acceptance.SubjectId.Length > FieldLimits.ActorId || TextRules.HasForbiddenCharacters(acceptance.SubjectId))
        {
            return refusals.Record(E.FieldInvalid("sub", "a subject id of 1 to 256 characters is required"));
        }

        var outcome = await TransitionByTokenAsync(
            token,
            (Acceptance: acceptance, Facts: _facts),
            static (d, now, s) =>
            {
                var t = Invitation.Accept(d, now, s.Acceptance.SubjectId, s.Facts);
                return !t.Succeeded ? t
                    : SameEmailViolated(d, s.Acceptance) ? Transition.Fail(InvitationErrorCodes.SameEmailRequired)
                    : s.Acceptance.AccountCreated is { } account ? AccountCreatedFact.Follow(t, account, s.Acceptance.SubjectId, now)
                    : t;
            },
            cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            return refusals.Record(outcome.Error);
        }

        var accepted = outcome.Value.Data;
        Log.Accepted(logger, accepted.Id, acceptance.SubjectId);
        telemetry.Accepted.Add(1);
        return new AcceptResult(accepted);
    }

    private async ValueTask<InvitationResult<InvitationSnapshot>> RejectCoreAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await TransitionByTokenAsync(token, _facts, static (d, now, facts) => Invitation.Reject(d, now, facts), cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            return refusals.Record(outcome.Error);
        }

        Log.Rejected(logger, outcome.Value.Data.Id);
        return outcome.Value.Data.ToSnapshot(outcome.Value.At);
    }

    public async Task<InvitationResult<NewLinkReceipt>> RequestNewLinkAsync(NewLinkRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.new_link");
        var result = await newLinks.RequestAsync(request, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess ? result : refusals.Record(result.Error);
    }

    private async ValueTask<InvitationResult<InvitationPreview>> PreviewCoreAsync(string token, CancellationToken cancellationToken)
    {
        var data = await FindByTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (data is null)
        {
            return refusals.Record(E.InvalidToken());
        }

        var now = clock.GetCurrentInstant();
        var cell = InvitationStateMachine.Decide(InvitationStateMachine.EffectiveState(data, now), InvitationCommand.Accept);
        if (!cell.Allowed)
        {
            return refusals.Record(E.ForCode(cell.ErrorCode));
        }

        return new InvitationPreview
        {
            Id = data.Id,
            Email = data.Email,
            MobileNumber = data.MobileNumber,
            GivenName = data.GivenName,
            FamilyName = data.FamilyName,
            CustomFields = data.CustomFields,
            OrganizationId = data.OrganizationId,
            ClientId = data.ClientId,
            InvitedByName = data.InvitedByName,
            Locale = data.Locale,
            AllowSameEmailOnly = data.AllowSameEmailOnly,
            ExpiresAt = data.ExpiresAt,
            HasExistingAccount = data.HasExistingAccount,
        };
    }

    /// <summary>
    /// Finds by token, applies a transition and saves it with the version it read. A lost race reloads
    /// and decides again, so exactly one of many racing accepts wins and the rest learn "already accepted".
    /// </summary>
    private async ValueTask<InvitationResult<(InvitationData Data, Instant At)>> TransitionByTokenAsync<TState>(
        string token, TState state, Func<InvitationData, Instant, TState, Transition> transition, CancellationToken cancellationToken)
    {
        var hash = new byte[InvitationToken.HashLength];
        var current = InvitationToken.TryHash(token, hash) ? await FindByHashAsync(hash, cancellationToken).ConfigureAwait(false) : null;
        for (var attempt = 0; attempt < InvitePipeline.MaxConflictRetries && current is not null; attempt++)
        {
            var now = clock.GetCurrentInstant();
            var t = transition(current, now, state);
            if (!t.Succeeded)
            {
                return E.ForCode(t.ErrorCode);
            }

            var items = t.FollowingFact is { } following ? [.. OutboxItems.Of(t.Draft, null, now), OutboxItems.ForFact(FactDraft.Of(following), now)] : OutboxItems.Of(t.Draft, null, now);
            var saved = await dispatcher.UpdateAsync(t.Data, current.Version, items, cancellationToken).ConfigureAwait(false);
            if (saved.Status == StoreWriteStatus.Saved)
            {
                await dispatcher.DispatchSavedAsync(saved, cancellationToken).ConfigureAwait(false);
                return (t.Data, now);
            }

            // Reload by id; if the token was rotated or cleared meanwhile it is no longer valid.
            current = await store.FindAsync(current.Id, cancellationToken).ConfigureAwait(false);
            if (current?.TokenHash is not { } stored || !InvitationToken.DigestEquals(stored, hash))
            {
                current = null;
            }
        }

        return current is null ? E.InvalidToken() : E.ConcurrencyConflict();
    }

    private async ValueTask<InvitationData?> FindByTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = new byte[InvitationToken.HashLength];
        return InvitationToken.TryHash(token, hash) ? await FindByHashAsync(hash, cancellationToken).ConfigureAwait(false) : null;
    }

    private async ValueTask<InvitationData?> FindByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var data = await store.FindByTokenHashAsync(hash, cancellationToken).ConfigureAwait(false);

        // The index lookup already matched; the constant-time re-check guards stores with case-insensitive or truncating indexes.
        return data?.TokenHash is { } stored && InvitationToken.DigestEquals(stored, hash) ? data : null;
    }

    private static bool SameEmailViolated(InvitationData d, AcceptRequest acceptance)
    {
        if (!d.AllowSameEmailOnly || d.Email is null)
        {
            return false;
        }

        var used = EmailAddressNormalizer.Normalize(acceptance.Email);
        return used is null || !string.Equals(EmailAddressNormalizer.ComparisonKey(used), EmailAddressNormalizer.ComparisonKey(d.Email), StringComparison.Ordinal);
    }
}
