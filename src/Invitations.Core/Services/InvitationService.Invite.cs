using System.Diagnostics;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Internal;
using Invitations.Tokens;
using Invitations.Validation;
using NodaTime;
using E = Invitations.Errors.Errors;

namespace Invitations.Services;

/// <summary>Inviting: idempotency, registered-user and quota checks, duplicate-pending policy, creation.</summary>
internal sealed partial class InvitationService
{
    public Task<InvitationResult<InviteResult>> InviteAsync(InviteRequest request, CancellationToken cancellationToken = default) =>
        InviteCoreAsync(request, neverResend: false, cancellationToken);

    /// <summary>
    /// The one invite pipeline, shared by single, bulk and automatic invitations. With <paramref name="neverResend"/>
    /// a live pending invitation for the recipient is reported as <c>duplicate_pending</c> whatever the duplicate policy.
    /// </summary>
    private async Task<InvitationResult<InviteResult>> InviteCoreAsync(InviteRequest request, bool neverResend, CancellationToken cancellationToken)
    {
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.invite");
        var validated = _validator.Validate(request);
        if (!validated.IsSuccess)
        {
            return Fail(validated.Error);
        }

        var v = validated.Value;
        if (v.IdempotencyKey is not null && await ReplayAsync(v, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        if (_options.SkipRegisteredUsers && _directory is not null
            && await _directory.IsRegisteredAsync(v.Email ?? v.MobileNumber!, v.Email is not null ? MessageChannel.Email : MessageChannel.Sms, cancellationToken).ConfigureAwait(false))
        {
            return Fail(E.UserAlreadyRegistered());
        }

        if (_options.Inviters.MaxInvitationsPerWindow is { } max)
        {
            var since = _clock.GetCurrentInstant() - Duration.FromTimeSpan(_options.Inviters.QuotaWindow);
            if (await _store.CountCreatedByAsync(v.Inviter.Id, since, cancellationToken).ConfigureAwait(false) >= max)
            {
                return Fail(E.RateLimited());
            }
        }

        // Loop only on races: another request created or closed a pending invitation for the same recipient meanwhile.
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var existing = await _store.FindPendingByRecipientAsync(v.RecipientKey, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                if (neverResend)
                {
                    var now = _clock.GetCurrentInstant();
                    if (InvitationStateMachine.EffectiveState(existing, now) != InvitationState.Expired)
                    {
                        return Fail(E.DuplicatePending());
                    }

                    // An expired duplicate is closed (with its fact) and a fresh invitation created, never renewed.
                    var t = Invitation.Expire(existing, now, _facts);
                    await _store.UpdateAsync(t.Data!, existing.Version, OutboxItems.Of(t.Fact, null, now), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var handled = await HandleDuplicateAsync(existing, v, cancellationToken).ConfigureAwait(false);
                if (handled is not null)
                {
                    return handled;
                }

                continue; // the expired duplicate was closed; create a fresh invitation
            }

            var created = await CreateAsync(v, cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                activity?.SetTag("invitation.id", created.IsSuccess ? created.Value.Invitation.Id.ToString() : null);
                return created;
            }
        }

        return Fail(E.ConcurrencyConflict());
    }

    /// <summary>Creates the invitation; null when a race (duplicate pending) means the caller should look again.</summary>
    private async Task<InvitationResult<InviteResult>?> CreateAsync(ValidatedInvite v, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var (token, hash) = InvitationToken.Create();
        var send = !v.SkipSend;
        var data = new InvitationData
        {
            Id = new InvitationId(GuidV7.New(now)),
            Version = 1,
            State = InvitationState.Initiated,
            Channel = v.Channel,
            Email = v.Email,
            MobileNumber = v.MobileNumber,
            DeliveryAddress = v.DeliveryAddress,
            RecipientKey = v.RecipientKey,
            GivenName = v.GivenName,
            FamilyName = v.FamilyName,
            Groups = v.Groups,
            Roles = v.Roles,
            CustomFields = v.CustomFields,
            OrganizationId = v.OrganizationId,
            InvitedById = v.Inviter.Id,
            InvitedByName = v.Inviter.DisplayName,
            ClientId = v.ClientId,
            RedirectLink = v.RedirectLink,
            LinkTarget = v.LinkTarget,
            TemplateKey = v.TemplateKey,
            Locale = v.Locale,
            TimeZone = v.TimeZone,
            AllowSameEmailOnly = v.AllowSameEmailOnly,
            Branding = v.Branding,
            TokenHash = hash,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + v.Lifetime,
            SendCount = send ? 1 : 0,
            LastSentAt = send ? now : null,
            IdempotencyKey = v.IdempotencyKey,
            IdempotencyFingerprint = v.Fingerprint,
            FactSequence = send ? 1 : 0,
        };

        var link = _links.Build(v.LinkTarget, token);
        OutgoingMessage? message = null;
        OutboxItem? messageItem = null;
        if (send)
        {
            var itemId = OutboxItems.NewId(now);
            message = ComposeOrError(data, link, itemId, out var renderError);
            if (message is null)
            {
                return Fail(renderError!);
            }

            messageItem = OutboxItems.ForMessage(itemId, message, data.SendCount, now);
        }

        // cidaas emits INVITE_USER only when the invitation is actually sent.
        var fact = send ? _facts.Create(FactTypes.InviteUser, null, data, now) : null;
        var saved = await _store.CreateAsync(data, OutboxItems.Of(fact, messageItem, now), cancellationToken).ConfigureAwait(false);
        switch (saved)
        {
            case StoreWriteResult.Saved:
                break;
            case StoreWriteResult.DuplicateIdempotencyKey:
                return await ReplayAsync(v, cancellationToken).ConfigureAwait(false) ?? Fail(E.ConcurrencyConflict());
            case StoreWriteResult.DuplicatePending:
                // A store may report the recipient clash before the key clash: a racing twin of this keyed request replays.
                return v.IdempotencyKey is null ? null : await ReplayAsync(v, cancellationToken).ConfigureAwait(false);
            default:
                return Fail(E.ConcurrencyConflict());
        }

        Log.Created(_logger, data.Id, Redact.Address(data.DeliveryAddress), data.InvitedById, data.Channel, send);
        _telemetry.Created.Add(1, new KeyValuePair<string, object?>("channel", data.Channel.ToString()));
        await DispatchAsync(data.Id, cancellationToken).ConfigureAwait(false);
        return new InviteResult { Outcome = InviteOutcome.Created, Invitation = data.ToSnapshot(now), Link = link, Message = message };
    }

    /// <summary>Applies the duplicate-pending policy; null when the duplicate was expired and closed, so a new invitation may be created.</summary>
    private async Task<InvitationResult<InviteResult>?> HandleDuplicateAsync(InvitationData existing, ValidatedInvite v, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var expired = InvitationStateMachine.EffectiveState(existing, now) == InvitationState.Expired;
        if (_options.DuplicatePending == DuplicatePendingBehavior.Resend)
        {
            var resent = await ResendCoreAsync(existing, v.Inviter, null, cancellationToken).ConfigureAwait(false);
            return resent.IsSuccess ? resent.Value with { Outcome = InviteOutcome.Resent } : resent;
        }

        if (!expired)
        {
            return _options.DuplicatePending == DuplicatePendingBehavior.Reuse
                ? new InviteResult { Outcome = InviteOutcome.Reused, Invitation = existing.ToSnapshot(now) }
                : Fail(E.DuplicatePending());
        }

        // Persist the expiry (and its fact) so the recipient key frees up; a lost race here is harmless.
        var t = Invitation.Expire(existing, now, _facts);
        await _store.UpdateAsync(t.Data!, existing.Version, OutboxItems.Of(t.Fact, null, now), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Same key and same payload returns the first invitation (no link: it was shown once); a different payload is an error.</summary>
    private async Task<InvitationResult<InviteResult>?> ReplayAsync(ValidatedInvite v, CancellationToken cancellationToken)
    {
        var earlier = await _store.FindByIdempotencyKeyAsync(v.IdempotencyKey!, cancellationToken).ConfigureAwait(false);
        if (earlier is null)
        {
            return null;
        }

        Debug.Assert(v.Fingerprint is not null, "a keyed request always has a fingerprint");
        return string.Equals(earlier.IdempotencyFingerprint, v.Fingerprint, StringComparison.Ordinal)
            ? new InviteResult { Outcome = InviteOutcome.Replayed, Invitation = earlier.ToSnapshot(_clock.GetCurrentInstant()) }
            : Fail(E.IdempotencyKeyReused());
    }

    private Duration OriginalLifetime(InvitationData d)
    {
        var lifetime = d.ExpiresAt - (d.LastSentAt ?? d.CreatedAt);
        var bounds = _options.Lifetime;
        return lifetime < Duration.FromTimeSpan(bounds.Min) || lifetime > Duration.FromTimeSpan(bounds.Max) ? Duration.FromTimeSpan(bounds.Default) : lifetime;
    }
}
