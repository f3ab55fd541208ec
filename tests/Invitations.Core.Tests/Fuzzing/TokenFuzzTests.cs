using System.Buffers.Text;
using System.Security.Cryptography;
using CsCheck;
using Invitations.Tokens;

namespace Invitations.Core.Tests.Fuzzing;

/// <summary>Token decoding: anything but a canonical 43-character base64url spelling of 32 bytes is "not a token".</summary>
public sealed class TokenFuzzTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly string Valid = InvitationToken.Create().Token;

    // Base64url near misses: the standard alphabet's '+' and '/', padding, and one character more or less.
    private static readonly Gen<string?> Tokens = Gen.Frequency(
        (3, HostileText.Any),
        (4, HostileText.NearMiss(Valid).Select(s => (string?)s)),
        (2, Gen.String[Gen.Char[Alphabet + "+/="], 42, 44].Select(s => (string?)s)),
        (2, Gen.String[Gen.Char[Alphabet], 43, 43].Select(s => (string?)s)));

    [Fact]
    public void Try_hash_accepts_exactly_the_canonical_spellings_and_hashes_their_bytes()
    {
        Tokens.Sample(token =>
        {
            Span<byte> hash = stackalloc byte[InvitationToken.HashLength];
            var accepted = InvitationToken.TryHash(token, hash);

            accepted.Should().Be(IsCanonical(token));
            if (accepted)
            {
                hash.ToArray().Should().Equal(SHA256.HashData(Base64Url.DecodeFromChars(token)));
            }
        }, iter: 20_000);
    }

    // 43 characters of the base64url alphabet whose last character leaves the 2 unused bits zero.
    private static bool IsCanonical(string? token) =>
        token is { Length: InvitationToken.TextLength }
        && token.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
        && (Alphabet.IndexOf(token[^1], StringComparison.Ordinal) & 0b11) == 0;
}
