using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// Encrypts a queued message's payload (the rendered message, which holds the live invitation link) with ASP.NET Core
/// Data Protection before it is written, so no database page, WAL segment or dead tuple ever holds a token in clear
/// (SECURITY: tokens at rest). Facts are not encrypted: they never carry a link, and receivers and
/// <c>ListFactsAsync</c> read them as they are.
/// </summary>
internal sealed class OutboxPayloadProtector
{
    /// <summary>The Data Protection purpose of queued message bodies: a key derived for this use only.</summary>
    public const string Purpose = "Invitations.EntityFrameworkCore.OutboxMessage.v1";

    /// <summary>Marks a protected payload; a payload without it is a plaintext one written before encryption existed.</summary>
    public const string Marker = "dp1:";

    private readonly IDataProtector _protector;

    public OutboxPayloadProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    public string Protect(string json)
    {
        var plain = Encoding.UTF8.GetBytes(json);
        try
        {
            return Marker + Convert.ToBase64String(_protector.Protect(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The payload's JSON, or null when it cannot be decrypted (its key is not in this host's key ring).</summary>
    public string? Unprotect(string stored)
    {
        if (!stored.StartsWith(Marker, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            var plain = _protector.Unprotect(Convert.FromBase64String(stored[Marker.Length..]));
            try
            {
                return Encoding.UTF8.GetString(plain);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plain);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
