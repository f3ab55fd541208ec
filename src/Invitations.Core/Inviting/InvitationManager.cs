using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Inviting;

/// <summary>The administrator's service: invite, resend and revoke (with optimistic concurrency), read and search.</summary>
internal sealed class InvitationManager(
    InvitePipeline pipeline, IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, OutboxDispatcher dispatcher,
    Refusals refusals, ILogger<InvitationManager> logger) : IInvitationManager
{
    private readonly FactFactory _facts = new(options.Value.Links.FactUrlTemplate);

    public Task<InvitationResult<InviteResult>> InviteAsync(InviteRequest request, CancellationToken cancellationToken = default) =>
        pipeline.InviteAsync(request, neverResend: false, cancellationToken);

    public async Task<InvitationResult<InviteResult>> ResendAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.resend");
        if (pipeline.Validator.AuthorizeInviter(actor) is { } denied)
        {
            return refusals.Record(denied);
        }

        var current = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return refusals.Record(E.NotFound());
        }

        return expectedVersion is { } v && v != current.Version
            ? refusals.Record(E.ConcurrencyConflict())
            : await pipeline.ResendAsync(current, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvitationResult<InvitationSnapshot>> RevokeAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        using var activity = InvitationsTelemetry.ActivitySource.StartActivity("invitations.revoke");
        if (pipeline.Validator.AuthorizeInviter(actor) is { } denied)
        {
            return refusals.Record(denied);
        }

        for (var attempt = 0; attempt < InvitePipeline.MaxConflictRetries; attempt++)
        {
            var current = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return refusals.Record(E.NotFound());
            }

            if (expectedVersion is { } v && v != current.Version)
            {
                return refusals.Record(E.ConcurrencyConflict());
            }

            var now = clock.GetCurrentInstant();
            var t = Invitation.Revoke(current, now, actor.Id, _facts);
            if (!t.Succeeded)
            {
                return refusals.Record(E.ForCode(t.ErrorCode));
            }

            var saved = await store.UpdateAsync(t.Data, current.Version, OutboxItems.Of(t.Fact, null, now), cancellationToken).ConfigureAwait(false);
            if (saved == StoreWriteStatus.Saved)
            {
                Log.Revoked(logger, id, actor.Id);
                await dispatcher.DispatchSavedAsync(id, cancellationToken).ConfigureAwait(false);
                return t.Data.ToSnapshot(now);
            }

            if (expectedVersion is not null)
            {
                return refusals.Record(E.ConcurrencyConflict());
            }
        }

        return refusals.Record(E.ConcurrencyConflict());
    }

    public async Task<InvitationResult<InvitationSnapshot>> GetAsync(InvitationId id, CancellationToken cancellationToken = default)
    {
        var data = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return data is null ? refusals.Record(E.NotFound()) : data.ToSnapshot(clock.GetCurrentInstant());
    }

    public async Task<InvitationResult<InvitationSearchPage>> FindAsync(InvitationSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.PageSize is < 1 or > 1000)
        {
            return refusals.Record(E.FieldInvalid("page_size", "must be between 1 and 1000"));
        }

        var badFilter = (search.State is { } state && !Enum.IsDefined(state) ? E.FieldInvalid("state", "not an invitation state") : null)
            ?? InviteRequestValidator.SearchFilter("invited_by", search.InvitedBy, FieldLimits.ActorId)
            ?? InviteRequestValidator.SearchFilter("organization_id", search.OrganizationId, FieldLimits.Name);
        if (badFilter is not null)
        {
            return refusals.Record(badFilter);
        }

        InvitationCursor? after = null;
        if (search.Cursor is not null)
        {
            if (SearchCursor.Decode(search.Cursor) is not { } decoded)
            {
                return refusals.Record(E.FieldInvalid("cursor", "not a cursor returned by a previous page"));
            }

            after = decoded;
        }

        string? email = null;
        if (search.Email is not null && (email = EmailAddressNormalizer.Normalize(search.Email)) is null)
        {
            return refusals.Record(E.EmailInvalid("email"));
        }

        var now = clock.GetCurrentInstant();
        var page = await store.QueryAsync(
            new InvitationQuery
            {
                State = search.State,
                Email = email,
                InvitedById = search.InvitedBy,
                OrganizationId = search.OrganizationId,
                CreatedFrom = search.CreatedFrom,
                CreatedBefore = search.CreatedBefore,
                After = after,
                Limit = search.PageSize,
                AsOf = now,
            },
            cancellationToken).ConfigureAwait(false);
        return new InvitationSearchPage(page.Items.Select(d => d.ToSnapshot(now)).ToList(), page.Next is { } next ? SearchCursor.Encode(next) : null);
    }

    public Task<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken = default) =>
        store.ListFactsAsync(id, cancellationToken).AsTask();
}
