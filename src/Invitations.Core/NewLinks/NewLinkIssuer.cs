using Invitations.Domain;
using Invitations.Inviting;
using Invitations.Tokens;
using Invitations.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.NewLinks;

/// <summary>
/// "Send me a new link". The matching invitation (by token digest, or by recipient key for the address and organization,
/// falling back to the newest expired one) is resent through the invite pipeline: the token rotates, the message goes to
/// the stored delivery address, and an expired invitation is renewed when it expired less than
/// <see cref="NewLinkOptions.RenewExpiredFor"/> ago.
/// Rate limits, per invitation and so per address (an address holds at most one pending invitation per organization
/// and channel): the resend limits (<see cref="InvitationLimitOptions.ResendCooldown"/>,
/// <see cref="InvitationLimitOptions.MaxResends"/>), kept in the invitation's own send count and time, so no counter
/// store is needed. Every outcome after validation, sent or not, found or not, is the same <see cref="NewLinkReceipt"/>.
/// </summary>
internal sealed class NewLinkIssuer(InvitePipeline pipeline, IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, ILogger<NewLinkIssuer> logger)
{
    private readonly InvitationsOptions _options = options.Value;

    public async Task<InvitationResult<NewLinkReceipt>> RequestAsync(NewLinkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_options.NewLinks.Enabled)
        {
            return E.Forbidden("requesting a new link is not enabled (NewLinks.Enabled)");
        }

        var hasToken = !string.IsNullOrEmpty(request.Token);
        if (hasToken == !string.IsNullOrWhiteSpace(request.Address))
        {
            return E.FieldInvalid("invite_token", "give either the invitation token or the invited address");
        }

        if (InviteRequestValidator.SearchFilter("organization_id", request.OrganizationId, FieldLimits.Name) is { } badOrganization)
        {
            return badOrganization;
        }

        InvitationData? found;
        if (hasToken)
        {
            found = await FindByTokenAsync(request.Token!, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var (address, channel) = Normalize(request.Address!);
            if (address is null)
            {
                return channel == MessageChannel.Email ? E.EmailInvalid("address") : E.FieldInvalid("address", "not an e-mail address or a mobile number");
            }

            found = await FindByAddressAsync(address, channel, request.OrganizationId, cancellationToken).ConfigureAwait(false);
        }

        if (found is not null && (hasToken || !SentWithin(found, _options.NewLinks.AddressCooldown)))
        {
            await SendAsync(found, cancellationToken).ConfigureAwait(false);
        }

        return NewLinkReceipt.Instance;
    }

    /// <summary>Whether the invitation was sent less than <paramref name="window"/> ago (a request by address then sends nothing).</summary>
    private bool SentWithin(InvitationData current, TimeSpan window)
    {
        if (current.LastSentAt is not { } sent || clock.GetCurrentInstant() - sent >= Duration.FromTimeSpan(window))
        {
            return false;
        }

        NewLinkLog.NotSent(logger, current.Id, "asked by address within NewLinks.AddressCooldown of the last send");
        return true;
    }

    private async Task SendAsync(InvitationData current, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var effective = InvitationStateMachine.EffectiveState(current, now);
        var renewable = InvitationStateMachine.IsPending(effective)
            || (effective == InvitationState.Expired && now - current.ExpiresAt < Duration.FromTimeSpan(_options.NewLinks.RenewExpiredFor));
        if (!renewable || current.SendCount == 0)
        {
            // A skip-send invitation is the host's to deliver: its holder cannot make the library mail it.
            NewLinkLog.NotSent(logger, current.Id, current.SendCount == 0 ? "never sent by the library" : "not renewable in state " + effective);
            return;
        }

        var resent = await pipeline.ResendAsync(current, pipeline.SystemActor(), null, cancellationToken).ConfigureAwait(false);
        if (resent.IsSuccess)
        {
            NewLinkLog.Sent(logger, current.Id);
        }
        else
        {
            NewLinkLog.NotSent(logger, current.Id, resent.Error.Code);
        }
    }

    private async Task<InvitationData?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = new byte[InvitationToken.HashLength];
        if (!InvitationToken.TryHash(token, hash))
        {
            return null;
        }

        var data = await store.FindByTokenHashAsync(hash, cancellationToken).ConfigureAwait(false);
        return data?.TokenHash is { } stored && InvitationToken.DigestEquals(stored, hash) ? data : null;
    }

    /// <summary>The pending invitation of the recipient key, else the newest invitation of that key that has expired.</summary>
    private async Task<InvitationData?> FindByAddressAsync(string address, MessageChannel channel, string? organizationId, CancellationToken cancellationToken)
    {
        var key = InviteRequestValidator.RecipientKey(organizationId, channel, address);
        var pending = await store.FindPendingByRecipientAsync(key, cancellationToken).ConfigureAwait(false);
        if (pending is not null)
        {
            return pending;
        }

        var all = await store.FindByAddressAsync(address, cancellationToken).ConfigureAwait(false);
        return all.Where(d => d.State == InvitationState.Expired && string.Equals(d.RecipientKey, key, StringComparison.Ordinal))
            .MaxBy(d => d.ExpiresAt);
    }

    private (string? Address, MessageChannel Channel) Normalize(string address) =>
        address.Contains('@', StringComparison.Ordinal)
            ? (EmailAddressNormalizer.Normalize(address), MessageChannel.Email)
            : (PhoneNumberNormalizer.Normalize(address, _options.Defaults.PhoneRegion), MessageChannel.Sms);
}
