namespace Invitations;

/// <summary>
/// Shortens the invitation link a message carries (an SMS has 160 GSM-7 characters; the token link takes most of them).
/// The built-in implementation is store-backed: a short code that is itself a bearer secret, stored hashed, resolved by
/// the <c>GET /i/{code}</c> endpoint of Invitations.AspNetCore. A host registers its own implementation (before or
/// instead of the built-in one) to use another service; it then resolves its own links. Called only when
/// <c>Links.ShortenSms</c> or <c>Links.ShortenEmail</c> is on, every time a message is composed (each send or resend gets
/// a new short link: a resend rotates the token, so the previous short link stops leading anywhere).
/// </summary>
public interface ILinkShortener
{
    /// <summary>Returns the short form of a link. The result must never be logged: it leads to the invitation as the link does.</summary>
    /// <param name="request">The link, its invitation and when it stops working.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The short link (an absolute URL).</returns>
    ValueTask<string> ShortenAsync(LinkShorteningRequest request, CancellationToken cancellationToken);
}
