using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Inviting;

/// <summary>
/// The bulk half of the pipeline: a batch is checked request by request, saved with one store call, and each item's
/// store answer settled as the single invite settles it (a pending duplicate is looked up only when the store reports one).
/// </summary>
internal sealed partial class InvitePipeline
{
    /// <summary>
    /// Whether bulk batches may be saved with one store call. Not with an inviter quota: it counts stored invitations
    /// per invite, and a batch's own invitations are not stored until the batch is; such runs invite one by one.
    /// </summary>
    public bool CanBatch => _options.Inviters.MaxInvitationsPerWindow is null;

    /// <summary>
    /// Checks one bulk request as <see cref="InviteAsync"/> does (validation, authorization, idempotent replay, registered
    /// user) and builds its invitation; the result is final when a check refused or replayed it.
    /// </summary>
    public async Task<BulkPreparation> PrepareAsync(InviteRequest request, CancellationToken cancellationToken)
    {
        var validated = Validator.Validate(request);
        if (!validated.IsSuccess)
        {
            return new BulkPreparation(Fail(validated.Error));
        }

        var v = validated.Value;
        var context = new InvitationAuthorizationContext
        {
            Operation = InvitationOperation.Invite, Actor = v.Inviter, OrganizationId = v.OrganizationId, Groups = v.Groups, Roles = v.Roles,
        };
        if (await AuthorizeAsync(context, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return new BulkPreparation(Fail(denied));
        }

        if (v.IdempotencyKey is not null && await ReplayAsync(v, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return new BulkPreparation(replay);
        }

        var status = await DirectoryStatusAsync(v, cancellationToken).ConfigureAwait(false);
        if (status == DirectoryStatus.Member && _options.SkipRegisteredUsers)
        {
            return new BulkPreparation(Fail(E.UserAlreadyRegistered()));
        }

        var (built, error) = await BuildAsync(v, status != DirectoryStatus.NotRegistered, cancellationToken).ConfigureAwait(false);
        return error is null ? new BulkPreparation(v, built) : new BulkPreparation(Fail(error));
    }

    /// <summary>
    /// Settles one saved item of a batch from the store's answer: created, replayed, refused, or (a pending duplicate)
    /// skipped as <c>duplicate_pending</c>; an expired duplicate is closed and the request invited on its own.
    /// </summary>
    public async Task<InvitationResult<InviteResult>> SettleAsync(BulkPreparation prepared, StoreWriteStatus status, CancellationToken cancellationToken)
    {
        var v = prepared.Validated!;
        if (await SettleAsync(v, prepared.Built, status, cancellationToken).ConfigureAwait(false) is { } settled)
        {
            return settled;
        }

        return await HandlePendingAsync(v, neverResend: true, authorize: true, cancellationToken).ConfigureAwait(false)
            ?? await InviteCheckedAsync(v, neverResend: true, authorize: true, prepared.Built.Data.HasExistingAccount, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>One bulk request after its checks: either final (<see cref="Result"/>) or ready to save (<see cref="Built"/>).</summary>
internal sealed class BulkPreparation
{
    public BulkPreparation(InvitationResult<InviteResult> result) => Result = result;

    public BulkPreparation(ValidatedInvite validated, BuiltInvite built)
    {
        Validated = validated;
        Built = built;
    }

    /// <summary>The final result when a check refused or replayed the request; null when it is to be saved.</summary>
    public InvitationResult<InviteResult>? Result { get; }

    /// <summary>The checked request, when it is to be saved.</summary>
    public ValidatedInvite? Validated { get; }

    /// <summary>The invitation to save.</summary>
    public BuiltInvite Built { get; }
}
