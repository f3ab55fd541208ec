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
    Refusals refusals, InvitationsTelemetry telemetry, ILogger<InvitationManager> logger) : IInvitationManager
{
    private readonly FactFactory _facts = new(options.Value.Links.FactUrlTemplate);

    public Task<InvitationResult<InviteResult>> InviteAsync(InviteRequest request, CancellationToken cancellationToken = default) =>
        pipeline.InviteAsync(request, neverResend: false, authorize: true, cancellationToken);

    public async Task<InvitationResult<InviteResult>> ResendAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var operation = Start(OperationNames.Resend, id);
        try
        {
            var result = await ResendCoreAsync(id, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
            operation.Stop(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            operation.Stop(ex);
            throw;
        }
    }

    public async Task<InvitationResult<InvitationSnapshot>> RevokeAsync(InvitationId id, InvitationActor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var operation = Start(OperationNames.Revoke, id);
        try
        {
            var result = await RevokeCoreAsync(id, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
            operation.Stop(result.Error);
            return result;
        }
        catch (Exception ex)
        {
            operation.Stop(ex);
            throw;
        }
    }

    private OperationScope Start(string name, InvitationId id)
    {
        var operation = telemetry.Start(name);
        operation.Activity?.SetTag(TelemetryTags.InvitationId, id.ToString());
        return operation;
    }

    private async ValueTask<InvitationResult<InviteResult>> ResendCoreAsync(InvitationId id, InvitationActor actor, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (pipeline.Validator.AuthorizeInviter(actor) is { } denied)
        {
            return refusals.Record(denied);
        }

        var current = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return refusals.Record(E.NotFound());
        }

        if (await pipeline.AuthorizeAsync(InvitationOperation.Resend, actor, current, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false) is { } forbidden)
        {
            return refusals.Record(forbidden);
        }

        return expectedVersion is { } v && v != current.Version
            ? refusals.Record(E.ConcurrencyConflict())
            : await pipeline.ResendAsync(current, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<InvitationResult<InvitationSnapshot>> RevokeCoreAsync(InvitationId id, InvitationActor actor, long? expectedVersion, CancellationToken cancellationToken)
    {
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

            var now = clock.GetCurrentInstant();
            if (await pipeline.AuthorizeAsync(InvitationOperation.Revoke, actor, current, now, cancellationToken).ConfigureAwait(false) is { } forbidden)
            {
                return refusals.Record(forbidden);
            }

            if (expectedVersion is { } v && v != current.Version)
            {
                return refusals.Record(E.ConcurrencyConflict());
            }

            var t = Invitation.Revoke(current, now, actor.Id, _facts);
            if (!t.Succeeded)
            {
                return refusals.Record(E.ForCode(t.ErrorCode));
            }

            var saved = await dispatcher.UpdateAsync(t.Data, current.Version, OutboxItems.Of(t.Draft, null, now), cancellationToken).ConfigureAwait(false);
            if (saved.Status == StoreWriteStatus.Saved)
            {
                Log.Revoked(logger, id, actor.Id);
                await dispatcher.DispatchSavedAsync(saved, cancellationToken).ConfigureAwait(false);
                return t.Data.ToSnapshot(now);
            }

            if (expectedVersion is not null)
            {
                return refusals.Record(E.ConcurrencyConflict());
            }
        }

        return refusals.Record(E.ConcurrencyConflict());
    }

    public async Task<InvitationResult<InvitationSnapshot>> GetAsync(InvitationId id, InvitationActor actor, CancellationToken cancellationToken = default)
    {
        if (pipeline.Validator.AuthorizeInviter(actor) is { } denied)
        {
            return refusals.Record(denied);
        }

        var data = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (data is null)
        {
            return refusals.Record(E.NotFound());
        }

        var now = clock.GetCurrentInstant();
        return await pipeline.AuthorizeAsync(InvitationOperation.Read, actor, data, now, cancellationToken).ConfigureAwait(false) is { } forbidden
            ? refusals.Record(forbidden)
            : data.ToSnapshot(now);
    }

    public async Task<InvitationResult<InvitationSearchPage>> FindAsync(InvitationSearch search, InvitationActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (pipeline.Validator.AuthorizeInviter(actor) is { } denied)
        {
            return refusals.Record(denied);
        }

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

        // Items the actor may not read are left out of the page; the cursor still follows the store's page, so a page
        // may hold fewer items than asked for (even none) while more follow.
        var visible = new List<InvitationSnapshot>(page.Items.Count);
        foreach (var item in page.Items)
        {
            if (await pipeline.AuthorizeAsync(InvitationOperation.Read, actor, item, now, cancellationToken).ConfigureAwait(false) is null)
            {
                visible.Add(item.ToSnapshot(now));
            }
        }

        return new InvitationSearchPage(visible, page.Next is { } next ? SearchCursor.Encode(next) : null);
    }

    public async Task<InvitationResult<IReadOnlyList<InvitationFact>>> ListFactsAsync(InvitationId id, InvitationActor actor, CancellationToken cancellationToken = default)
    {
        if (pipeline.Validator.AuthorizeInviter(actor) is { } denied)
        {
            return refusals.Record(denied);
        }

        var data = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (await pipeline.AuthorizeAsync(InvitationOperation.ListFacts, actor, data, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false) is { } forbidden)
        {
            return refusals.Record(forbidden);
        }

        return InvitationResult<IReadOnlyList<InvitationFact>>.Success(await store.ListFactsAsync(id, cancellationToken).ConfigureAwait(false));
    }
}
