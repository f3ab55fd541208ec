using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Tokens;
using E = Invitations.Errors.Errors;

namespace Invitations.Services;

/// <summary>Administrative transitions by id: resend and revoke, with optimistic concurrency.</summary>
internal sealed partial class InvitationService
{
    public async Task<InvitationResult<InviteResult>> ResendAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.resend");
        if (_validator.AuthorizeInviter(actor) is { } denied)
        {
            return Fail(denied);
        }

        var current = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Fail(E.NotFound());
        }

        return expectedVersion is { } v && v != current.Version
            ? Fail(E.ConcurrencyConflict())
            : await ResendCoreAsync(current, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvitationResult<InvitationSnapshot>> RevokeAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.revoke");
        if (_validator.AuthorizeInviter(actor) is { } denied)
        {
            return Fail(denied);
        }

        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var current = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return Fail(E.NotFound());
            }

            if (expectedVersion is { } v && v != current.Version)
            {
                return Fail(E.ConcurrencyConflict());
            }

            var now = _clock.GetCurrentInstant();
            var t = Invitation.Revoke(current, now, actor.Id, _facts);
            if (!t.Succeeded)
            {
                return Fail(E.ForCode(t.ErrorCode!));
            }

            var saved = await _store.UpdateAsync(t.Data!, current.Version, OutboxItems.Of(t.Fact, null, now), cancellationToken).ConfigureAwait(false);
            if (saved == StoreWriteResult.Saved)
            {
                Log.Revoked(_logger, id, actor.Id);
                await DispatchAsync(id, cancellationToken).ConfigureAwait(false);
                return t.Data!.ToSnapshot(now);
            }

            if (expectedVersion is not null)
            {
                return Fail(E.ConcurrencyConflict());
            }
        }

        return Fail(E.ConcurrencyConflict());
    }

    /// <summary>Rotates the token, renews the lifetime and queues a new message. Conflicts are reported, not retried: a resend is never doubled.</summary>
    private async Task<InvitationResult<InviteResult>> ResendCoreAsync(InvitationData current, InvitationActor actor, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var effective = InvitationStateMachine.EffectiveState(current, now);
        if (InvitationStateMachine.IsPending(effective) && current.LastSentAt is { } last && now < last + NodaTime.Duration.FromTimeSpan(_options.Limits.ResendCooldown))
        {
            return Fail(E.ResendCooldown());
        }

        if (current.ResendCount >= _options.Limits.MaxResends && InvitationStateMachine.Decide(effective, InvitationCommand.Resend).Allowed)
        {
            return Fail(E.ResendLimitReached());
        }

        var (token, hash) = InvitationToken.Create();
        var t = Invitation.Resend(current, now, hash, OriginalLifetime(current), send: true, _facts);
        if (!t.Succeeded)
        {
            return Fail(E.ForCode(t.ErrorCode!));
        }

        var next = t.Data! with { InvitedByName = current.InvitedByName ?? actor.DisplayName };
        var link = _links.Build(next.LinkTarget, token);
        var itemId = OutboxItems.NewId(now);
        var message = ComposeOrError(next, link, itemId, out var renderError);
        if (message is null)
        {
            return Fail(renderError!);
        }

        var items = OutboxItems.Of(t.Fact, OutboxItems.ForMessage(itemId, message, next.SendCount, now), now);
        var saved = await _store.UpdateAsync(next, expectedVersion ?? current.Version, items, cancellationToken).ConfigureAwait(false);
        if (saved != StoreWriteResult.Saved)
        {
            return Fail(saved == StoreWriteResult.DuplicatePending ? E.DuplicatePending() : E.ConcurrencyConflict());
        }

        Log.Resent(_logger, next.Id, next.ResendCount);
        await DispatchAsync(next.Id, cancellationToken).ConfigureAwait(false);
        return new InviteResult { Outcome = InviteOutcome.Resent, Invitation = next.ToSnapshot(now), Link = link, Message = message };
    }
}
