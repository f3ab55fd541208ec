using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Internal;
using Invitations.Links;
using Invitations.Templates;
using Invitations.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Inviting;

/// <summary>
/// Creating and resending, shared by every caller that sends an invitation: the administrator
/// (<see cref="IInvitationManager"/>), bulk runs, automatic invitations and the expiry sweep's re-invitations.
/// Idempotency, registered-user and quota checks, the duplicate-pending policy, rendering and the atomic save.
/// Holds no state of its own.
/// </summary>
internal sealed partial class InvitePipeline
{
    /// <summary>How often an operation that lost a race to a concurrent writer reloads and tries again.</summary>
    public const int MaxConflictRetries = 8;

    private readonly IInvitationStore _store;
    private readonly IClock _clock;
    private readonly InvitationsOptions _options;
    private readonly LinkBuilder _links;
    private readonly MessageComposer _composer;
    private readonly FactFactory _facts;
    private readonly OutboxDispatcher _dispatcher;
    private readonly Refusals _refusals;
    private readonly IUserDirectory? _directory;
    private readonly IInvitationAuthorizer _authorizer;
    private readonly ILinkShortener? _shortener;
    private readonly InvitationsTelemetry _telemetry;
    private readonly ILogger _logger;

    public InvitePipeline(
        IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, TemplateCatalog templates, OutboxDispatcher dispatcher,
        Refusals refusals, InvitationsTelemetry telemetry, IInvitationAuthorizer authorizer, ILogger<InvitePipeline> logger, IUserDirectory? directory = null,
        ILinkShortener? shortener = null)
    {
        _store = store;
        _clock = clock;
        _options = options.Value;
        _links = new LinkBuilder(_options);
        Validator = new InviteRequestValidator(_options, _links, templates);
        _composer = new MessageComposer(_options, templates, clock);
        _facts = new FactFactory(_options.Links.FactUrlTemplate);
        _dispatcher = dispatcher;
        _refusals = refusals;
        _directory = directory;
        _authorizer = authorizer;
        _shortener = shortener;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Validates requests and authorizes inviters.</summary>
    public InviteRequestValidator Validator { get; }

    /// <summary>The system actor automatic invitations and re-invitations are recorded under; it holds the configured inviter roles.</summary>
    public InvitationActor SystemActor() =>
        new(_options.AutoInvite.InviterId, _options.AutoInvite.InviterDisplayName, _options.Inviters.Roles.ToArray());

    /// <summary>
    /// The one invite pipeline, shared by single, bulk and automatic invitations. With <paramref name="neverResend"/>
    /// a live pending invitation for the recipient is reported as <c>duplicate_pending</c> whatever the duplicate policy.
    /// With <paramref name="authorize"/> the <see cref="IInvitationAuthorizer"/> is asked first (the grants) and before a
    /// duplicate is resent or reused; only the system actor's own callers (automatic invitations) pass false.
    /// </summary>
    public async Task<InvitationResult<InviteResult>> InviteAsync(InviteRequest request, bool neverResend, bool authorize, CancellationToken cancellationToken)
    {
        var operation = _telemetry.Start(OperationNames.Invite);
        try
        {
            var result = await InviteCoreAsync(request, neverResend, authorize, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                operation.Activity?.SetTag(TelemetryTags.InvitationId, result.Value.Invitation.Id.ToString());
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

    private async ValueTask<InvitationResult<InviteResult>> InviteCoreAsync(InviteRequest request, bool neverResend, bool authorize, CancellationToken cancellationToken)
    {
        var validated = Validator.Validate(request);
        if (!validated.IsSuccess)
        {
            return Fail(validated.Error);
        }

        var v = validated.Value;
        if (authorize)
        {
            var context = new InvitationAuthorizationContext
            {
                Operation = InvitationOperation.Invite, Actor = v.Inviter, OrganizationId = v.OrganizationId, Groups = v.Groups, Roles = v.Roles,
            };
            if (await AuthorizeAsync(context, cancellationToken).ConfigureAwait(false) is { } denied)
            {
                return Fail(denied);
            }
        }

        if (v.IdempotencyKey is not null && await ReplayAsync(v, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        // Asked per organization: a member is refused as before, an account elsewhere is invited to sign in.
        var status = await DirectoryStatusAsync(v, cancellationToken).ConfigureAwait(false);
        if (status == DirectoryStatus.Member && _options.SkipRegisteredUsers)
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

        return await InviteCheckedAsync(v, neverResend, authorize, status != DirectoryStatus.NotRegistered, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The invite after validation, authorization and the idempotency, registered-user and quota checks: create, and on
    /// a pending duplicate apply the policy. The create goes first and the duplicate is looked up only when the store
    /// reports one, so an invitation of a new recipient costs no read.
    /// </summary>
    /// <remarks>The pipeline's inner steps return <see cref="ValueTask{TResult}"/>: over the in-memory store they complete synchronously, and a <see cref="Task{TResult}"/> each was an object per step per invite.</remarks>
    private async ValueTask<InvitationResult<InviteResult>> InviteCheckedAsync(
        ValidatedInvite v, bool neverResend, bool authorize, bool existingAccount, CancellationToken cancellationToken)
    {
        // Loop only on races: another request created or closed a pending invitation for the same recipient meanwhile.
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var created = await CreateAsync(v, existingAccount, cancellationToken).ConfigureAwait(false);
            if (created is not null)
            {
                return created;
            }

            if (await HandlePendingAsync(v, neverResend, authorize, cancellationToken).ConfigureAwait(false) is { } handled)
            {
                return handled;
            }
        }

        return Fail(E.ConcurrencyConflict());
    }

    /// <summary>
    /// After the store reported a pending invitation for the recipient: applies the duplicate policy to it, or returns
    /// null when there is none any more or it was expired and is now closed (the caller creates again).
    /// </summary>
    private async ValueTask<InvitationResult<InviteResult>?> HandlePendingAsync(ValidatedInvite v, bool neverResend, bool authorize, CancellationToken cancellationToken)
    {
        var existing = await _store.FindPendingByRecipientAsync(v.RecipientKey, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null; // closed meanwhile
        }

        if (neverResend)
        {
            var now = _clock.GetCurrentInstant();
            if (InvitationStateMachine.EffectiveState(existing, now) != InvitationState.Expired)
            {
                return Fail(E.DuplicatePending());
            }

            // An expired duplicate is closed (with its fact) and a fresh invitation created, never renewed.
            await CloseExpiredAsync(existing, now, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return await HandleDuplicateAsync(existing, v, authorize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the invitation; null when a race (duplicate pending) means the caller should look again.</summary>
    private async ValueTask<InvitationResult<InviteResult>?> CreateAsync(ValidatedInvite v, bool existingAccount, CancellationToken cancellationToken)
    {
        var (built, error) = await BuildAsync(v, existingAccount, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return Fail(error);
        }

        var write = await _dispatcher.CreateAsync(built.Data, built.Outbox, cancellationToken).ConfigureAwait(false);
        if (await SettleAsync(v, built, write.Status, cancellationToken).ConfigureAwait(false) is not { } settled)
        {
            return null;
        }

        if (settled.IsSuccess && settled.Value.Status == InviteStatus.Created)
        {
            await _dispatcher.DispatchSavedAsync(write, cancellationToken).ConfigureAwait(false);
        }

        return settled;
    }

    /// <summary>
    /// What a create's store answer means: the created invitation (logged and counted), a replay, an error, or null when
    /// the recipient has a pending invitation (the caller looks it up).
    /// </summary>
    private async ValueTask<InvitationResult<InviteResult>?> SettleAsync(ValidatedInvite v, BuiltInvite built, StoreWriteStatus status, CancellationToken cancellationToken)
    {
        switch (status)
        {
            case StoreWriteStatus.Saved:
                break;
            case StoreWriteStatus.DuplicateIdempotencyKey:
                return await ReplayAsync(v, cancellationToken).ConfigureAwait(false) ?? Fail(E.ConcurrencyConflict());
            case StoreWriteStatus.DuplicatePending:
                // A store may report the recipient clash before the key clash: a racing twin of this keyed request replays.
                return v.IdempotencyKey is null ? null : await ReplayAsync(v, cancellationToken).ConfigureAwait(false);
            default:
                return Fail(E.ConcurrencyConflict());
        }

        var data = built.Data;
        Log.Created(_logger, data.Id, Redact.Address(data.DeliveryAddress), data.InvitedById, data.Channel, built.Message is not null);
        _telemetry.Created.Add(1, new KeyValuePair<string, object?>("channel", data.Channel == MessageChannel.Email ? nameof(MessageChannel.Email) : nameof(MessageChannel.Sms))); // Enum.ToString boxed the channel per invite
        return new InviteResult { Status = InviteStatus.Created, Invitation = data.ToSnapshot(data.CreatedAt), Link = built.Link, Message = built.Message };
    }

    /// <summary>What the host's directory knows of the recipient in the invitation's organization (not registered without a directory).</summary>
    private async ValueTask<DirectoryStatus> DirectoryStatusAsync(ValidatedInvite v, CancellationToken cancellationToken) =>
        _directory is null
            ? DirectoryStatus.NotRegistered
            : await _directory.GetStatusAsync(v.Email ?? v.MobileNumber!, v.Email is not null ? MessageChannel.Email : MessageChannel.Sms, v.OrganizationId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Builds the new invitation, its token link (shortened when configured), its rendered message and its outbox items;
    /// the error instead when the message cannot be rendered.
    /// </summary>
    private async ValueTask<(BuiltInvite Built, InvitationError? Error)> BuildAsync(ValidatedInvite v, bool existingAccount, CancellationToken cancellationToken)
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
            HasExistingAccount = existingAccount,
        };

        var link = Link(data, token);
        OutgoingMessage? message = null;
        OutboxItem? messageItem = null;
        if (send)
        {
            var itemId = OutboxItems.NewId(now);
            if (!TryCompose(data, await MessageLinkAsync(data, link, cancellationToken).ConfigureAwait(false), itemId, out message, out var renderError))
            {
                return (default, renderError);
            }

            messageItem = OutboxItems.ForMessage(itemId, message, data.SendCount, now);
        }

        // cidaas emits INVITE_USER only when the invitation is actually sent.
        FactDraft? fact = send ? _facts.Create(FactTypes.InviteUser, null, data, now, (FactAttributeNames.InvitedBy, data.InvitedById)) : null;
        return (new BuiltInvite(data, OutboxItems.Of(fact, messageItem, now), link, message), null);
    }

    /// <summary>Applies the duplicate-pending policy; null when the duplicate was expired and closed, so a new invitation may be created.</summary>
    /// <remarks>
    /// An actor the authorizer would not let resend (or, for reuse, read) the duplicate gets <c>duplicate_pending</c>
    /// and nothing else: no link, no snapshot, nothing written (an expired duplicate is still closed so a fresh
    /// invitation, with this actor's own checked grants, can be created).
    /// </remarks>
    private async ValueTask<InvitationResult<InviteResult>?> HandleDuplicateAsync(InvitationData existing, ValidatedInvite v, bool authorize, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var expired = InvitationStateMachine.EffectiveState(existing, now) == InvitationState.Expired;
        if (authorize && _options.DuplicatePending != DuplicatePendingBehavior.Error)
        {
            var operation = _options.DuplicatePending == DuplicatePendingBehavior.Resend ? InvitationOperation.Resend : InvitationOperation.Read;
            if (await AuthorizeAsync(operation, v.Inviter, existing, now, cancellationToken).ConfigureAwait(false) is not null)
            {
                if (!expired)
                {
                    return Fail(E.DuplicatePending());
                }

                await CloseExpiredAsync(existing, now, cancellationToken).ConfigureAwait(false);
                return null;
            }
        }

        if (_options.DuplicatePending == DuplicatePendingBehavior.Resend)
        {
            var resent = await ResendAsync(existing, v.Inviter, null, cancellationToken).ConfigureAwait(false);
            return resent.IsSuccess ? resent.Value with { Status = InviteStatus.Resent } : resent;
        }

        if (!expired)
        {
            return _options.DuplicatePending == DuplicatePendingBehavior.Reuse
                ? new InviteResult { Status = InviteStatus.Reused, Invitation = existing.ToSnapshot(now) }
                : Fail(E.DuplicatePending());
        }

        await CloseExpiredAsync(existing, now, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Same key and same payload returns the first invitation (no link: it was shown once); a different payload is an error.</summary>
    private async ValueTask<InvitationResult<InviteResult>?> ReplayAsync(ValidatedInvite v, CancellationToken cancellationToken)
    {
        var earlier = await _store.FindByIdempotencyKeyAsync(v.IdempotencyKey!, cancellationToken).ConfigureAwait(false);
        if (earlier is null)
        {
            return null;
        }

        Debug.Assert(v.Fingerprint is not null, "a keyed request always has a fingerprint");
        return string.Equals(earlier.IdempotencyFingerprint, v.Fingerprint, StringComparison.Ordinal)
            ? new InviteResult { Status = InviteStatus.Replayed, Invitation = earlier.ToSnapshot(_clock.GetCurrentInstant()) }
            : Fail(E.IdempotencyKeyReused());
    }

    /// <summary>Rotates the token, renews the lifetime and queues a new message. Conflicts are reported, not retried: a resend is never doubled.</summary>
    public async Task<InvitationResult<InviteResult>> ResendAsync(InvitationData current, InvitationActor actor, long? expectedVersion, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        var effective = InvitationStateMachine.EffectiveState(current, now);
        if (InvitationStateMachine.IsPending(effective) && current.LastSentAt is { } last && now < last + Duration.FromTimeSpan(_options.Limits.ResendCooldown))
        {
            return Fail(E.ResendCooldown());
        }

        if (current.ResendCount >= _options.Limits.MaxResends && InvitationStateMachine.Decide(effective, InvitationCommand.Resend).Allowed)
        {
            return Fail(E.ResendLimitReached());
        }

        var (token, hash) = InvitationToken.Create();
        var t = Invitation.Resend(current, now, hash, OriginalLifetime(current), send: true, actor.Id, _facts);
        if (!t.Succeeded)
        {
            return Fail(E.ForCode(t.ErrorCode));
        }

        var next = t.Data with { InvitedByName = current.InvitedByName ?? actor.DisplayName, ReminderCount = 0 };
        var link = Link(next, token);
        var itemId = OutboxItems.NewId(now);
        if (!TryCompose(next, await MessageLinkAsync(next, link, cancellationToken).ConfigureAwait(false), itemId, out var message, out var renderError))
        {
            return Fail(renderError);
        }

        var items = OutboxItems.Of(t.Draft, OutboxItems.ForMessage(itemId, message, next.SendCount, now), now);
        var write = await _dispatcher.UpdateAsync(next, expectedVersion ?? current.Version, items, cancellationToken).ConfigureAwait(false);
        if (write.Status != StoreWriteStatus.Saved)
        {
            return Fail(write.Status == StoreWriteStatus.DuplicatePending ? E.DuplicatePending() : E.ConcurrencyConflict());
        }

        Log.Resent(_logger, next.Id, next.ResendCount);
        await _dispatcher.DispatchSavedAsync(write, cancellationToken).ConfigureAwait(false);
        return new InviteResult { Status = InviteStatus.Resent, Invitation = next.ToSnapshot(now), Link = link, Message = message };
    }

    /// <summary>Persists the expiry of a pending invitation past its time (and its fact) so the recipient key frees up; a lost race here is harmless.</summary>
    private async Task CloseExpiredAsync(InvitationData existing, Instant now, CancellationToken cancellationToken)
    {
        var t = Invitation.Expire(existing, now, _facts);
        if (t.Succeeded)
        {
            await _store.UpdateAsync(t.Data, existing.Version, _dispatcher.WithLanes(OutboxItems.Of(t.Draft, null, now)), cancellationToken).ConfigureAwait(false);
        }
    }

    private InvitationError Fail(InvitationError error) => _refusals.Record(error);

    /// <summary>Asks the authorizer about an existing invitation; null when allowed, else the <c>forbidden</c> error (not yet recorded).</summary>
    public ValueTask<InvitationError?> AuthorizeAsync(InvitationOperation operation, InvitationActor actor, InvitationData? invitation, Instant now, CancellationToken cancellationToken) =>
        AuthorizeAsync(
            new InvitationAuthorizationContext
            {
                Operation = operation,
                Actor = actor,
                OrganizationId = invitation?.OrganizationId,
                Invitation = invitation?.ToSnapshot(now),
                Groups = invitation?.Groups ?? [],
                Roles = invitation?.Roles ?? [],
            },
            cancellationToken);

    private async ValueTask<InvitationError?> AuthorizeAsync(InvitationAuthorizationContext context, CancellationToken cancellationToken)
    {
        var result = await _authorizer.AuthorizeAsync(context, cancellationToken).ConfigureAwait(false);
        return result.IsAllowed ? null : E.Forbidden(result.Reason ?? "denied by the host's authorizer");
    }

    /// <summary>The invitation's link for a new token: to registration, or to sign-in for an invitee with an account elsewhere.</summary>
    public string Link(InvitationData data, string token) => _links.Build(data.LinkTarget, token, data.HasExistingAccount);

    /// <summary>The link the message carries: shortened when the options ask for it on the message's channel.</summary>
    public async ValueTask<string> MessageLinkAsync(InvitationData data, string link, CancellationToken cancellationToken)
    {
        var shorten = data.Channel == MessageChannel.Sms ? _options.Links.ShortenSms : _options.Links.ShortenEmail;
        return shorten && _shortener is not null
            ? await _shortener.ShortenAsync(new LinkShorteningRequest { InvitationId = data.Id, Link = link, Channel = data.Channel, ExpiresAt = data.ExpiresAt }, cancellationToken).ConfigureAwait(false)
            : link;
    }

    /// <summary>Renders the message; a missing template or a template that fails at run time is a typed error, not an exception.</summary>
    public bool TryCompose(
        InvitationData data, string link, OutboxItemId itemId, [NotNullWhen(true)] out OutgoingMessage? message, [NotNullWhen(false)] out InvitationError? error)
    {
        try
        {
            message = _composer.Compose(data, link, itemId.ToString());
            error = message is null ? E.TemplateNotFound() : RenderedHeaderCheck.Check(message);
            if (error is not null)
            {
                message = null;
            }
        }
        catch (TemplateRenderException ex)
        {
            message = null;
            error = E.TemplateRenderFailed($"{ex.Part} at line {ex.Line}");
        }

        return message is not null;
    }

    private Duration OriginalLifetime(InvitationData d)
    {
        var lifetime = d.ExpiresAt - (d.LastSentAt ?? d.CreatedAt);
        var bounds = _options.Lifetime;
        return lifetime < Duration.FromTimeSpan(bounds.Min) || lifetime > Duration.FromTimeSpan(bounds.Max) ? Duration.FromTimeSpan(bounds.Default) : lifetime;
    }
}
