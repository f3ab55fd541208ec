using Invitations.Diagnostics;
using Invitations.Inviting;
using Invitations.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using E = Invitations.Errors.InvitationErrors;

namespace Invitations.Maintenance;

/// <summary>Erases a person: every invitation whose identity or delivery address matches, with its facts and messages.</summary>
internal sealed class InvitationErasure(
    IInvitationStore store, IOptions<InvitationsOptions> options, Refusals refusals, ILogger<InvitationErasure> logger) : IInvitationErasure
{
    public async Task<InvitationResult<ErasureResult>> EraseAsync(string emailOrPhone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emailOrPhone);
        var isEmail = emailOrPhone.Contains('@', StringComparison.Ordinal);
        var address = isEmail
            ? EmailAddressNormalizer.Normalize(emailOrPhone)
            : PhoneNumberNormalizer.Normalize(emailOrPhone, options.Value.Defaults.PhoneRegion, allowPremiumRate: true);
        if (address is null)
        {
            return refusals.Record(isEmail ? E.EmailInvalid("email") : E.MobileNumberInvalid());
        }

        int invitations = 0, items = 0;

        // Look again after each round: an invitation created for the person while erasing is erased too.
        for (var round = 0; round < InvitePipeline.MaxConflictRetries; round++)
        {
            var found = await store.FindByAddressAsync(address, cancellationToken).ConfigureAwait(false);
            if (found.Count == 0)
            {
                break;
            }

            foreach (var invitation in found)
            {
                var removed = await store.EraseAsync(invitation.Id, cancellationToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    invitations++;
                    items += removed - 1;
                }
            }
        }

        // No address in the log, not even redacted: the point of erasure is that nothing about the person remains.
        Log.Erased(logger, invitations, items);
        return new ErasureResult { Invitations = invitations, OutboxItems = items };
    }
}
