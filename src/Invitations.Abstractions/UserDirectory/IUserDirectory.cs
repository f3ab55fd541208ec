namespace Invitations;

/// <summary>
/// An optional host hook into its own user store. When registered and
/// <c>SkipRegisteredUsers</c> is on, an invitation to an address that already belongs to a
/// registered user is refused with <c>user_already_registered</c>.
/// </summary>
public interface IUserDirectory
{
    /// <summary>Whether a registered user already owns <paramref name="address"/>.</summary>
    /// <param name="address">A normalized e-mail address or E.164 number.</param>
    /// <param name="channel">Which kind of address it is.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>True when the address belongs to a registered user.</returns>
    ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the identities that have not registered yet, for "invite every unregistered identity".
    /// Optional: the default implementation throws <see cref="NotSupportedException"/>; a host that offers
    /// the operation implements it (streaming from its own store, page by page).
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The unregistered identities, in any stable order.</returns>
    IAsyncEnumerable<DirectoryIdentity> ListUnregisteredAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "This IUserDirectory does not list unregistered identities: implement IUserDirectory.ListUnregisteredAsync in the host's directory to invite every unregistered identity.");
}
