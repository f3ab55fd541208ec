namespace Invitations;

/// <summary>
/// Erasure of a person's invitations (GDPR Art. 17), for the host's privacy workflow. The expiry sweep and the
/// retention purge are not here: the background maintenance service runs them. Thread-safe.
/// </summary>
public interface IInvitationErasure
{
    /// <summary>
    /// Erases a person (GDPR Art. 17): deletes every invitation whose identity or delivery address is
    /// <paramref name="emailOrPhone"/> (any state, compared case-insensitively after normalization), with all of its facts and messages.
    /// </summary>
    /// <param name="emailOrPhone">An e-mail address or a phone number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counts removed, or <c>email_invalid</c> / <c>mobile_number_invalid</c>.</returns>
    Task<InvitationResult<ErasureResult>> EraseAsync(string emailOrPhone, CancellationToken cancellationToken = default);
}
