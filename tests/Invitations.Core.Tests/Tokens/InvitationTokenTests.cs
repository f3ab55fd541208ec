using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Invitations.Core.Tests.Support;
using Invitations.Tokens;
using NodaTime;

namespace Invitations.Core.Tests.Tokens;

public sealed partial class InvitationTokenTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void Hundred_thousand_tokens_are_unique_43_char_base64url_without_padding_with_32_byte_digests()
    {
        const int Count = 100_000;
        var tokens = new HashSet<string>(Count, StringComparer.Ordinal);
        var digests = new HashSet<string>(Count, StringComparer.Ordinal);
        var problems = new List<string>();
        Span<byte> rehash = stackalloc byte[32];
        for (var i = 0; i < Count; i++)
        {
            var (token, hash) = InvitationToken.Create();
            if (!tokens.Add(token))
            {
                problems.Add("duplicate token");
            }

            if (!digests.Add(Convert.ToHexString(hash)))
            {
                problems.Add("duplicate digest");
            }

            if (token.Length != 43 || !token.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
            {
                problems.Add($"bad format: {token.Length} chars");
            }

            if (hash.Length != 32)
            {
                problems.Add($"digest of {hash.Length} bytes");
            }

            if (!InvitationToken.TryHash(token, rehash) || !rehash.SequenceEqual(hash))
            {
                problems.Add("a fresh token does not hash to its own digest");
            }

            if (problems.Count > 10)
            {
                break;
            }
        }

        problems.Should().BeEmpty();
        tokens.Should().HaveCount(Count);
        tokens.Take(1000).Should().OnlyContain(t => Base64Url().IsMatch(t) && !t.Contains('='));
    }

    [Fact]
    public void Digest_is_sha256_of_the_decoded_secret_not_the_secret_itself()
    {
        var (token, hash) = InvitationToken.Create();
        var secret = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=");

        secret.Should().HaveCount(32, "256 random bits");
        hash.Should().Equal(SHA256.HashData(secret));
        hash.Should().NotEqual(secret);
    }

    [Fact]
    public async Task Ten_thousand_tampered_tokens_all_get_the_same_answer_as_an_unknown_token()
    {
        const int Count = 10_000;
        using var host = new TestHost(o => o.Delivery.Inline = false);
        var unknown = (await host.Redemption.AcceptAsync(InvitationToken.Create().Token, new AcceptRequest("sub-x"))).Error;
        unknown!.Code.Should().Be(InvitationErrorCodes.InvalidToken);

        var random = new Random(20260305);
        var tokens = new List<string>(Count);
        for (var i = 0; i < Count; i++)
        {
            var invited = await host.Manager.InviteAsync(TestHost.Request($"t{i}@example.com"));
            tokens.Add(TestHost.TokenOf(invited.Value.Link!));
        }

        var differing = new List<string>();
        var kinds = new int[3];
        foreach (var token in tokens)
        {
            var kind = random.Next(3);
            kinds[kind]++;
            var tampered = Tamper(token, kind, random);
            var result = await host.Redemption.AcceptAsync(tampered, new AcceptRequest("sub-t"));
            if (result.IsSuccess || result.Error != unknown)
            {
                differing.Add($"{kind}: {result}");
            }
        }

        differing.Should().BeEmpty();
        kinds.Should().OnlyContain(k => k > 2500, "every kind of tampering was exercised");
        var all = host.MemoryStore.SnapshotOutbox().Where(i => i.Fact is not null).Select(i => i.Fact!.Type);
        all.Should().NotContain(FactTypes.InviteAccepted);
        (await host.Redemption.AcceptAsync(tokens[0], new AcceptRequest("sub-ok"))).IsSuccess.Should().BeTrue("the untampered token still works");
    }

    public static TheoryData<string, string?> Garbage()
    {
        var valid = InvitationToken.Create().Token;
        var b64 = (int n) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(n)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new TheoryData<string, string?>
        {
            { "null", null },
            { "empty", string.Empty },
            { "space", " " },
            { "whitespace", " \t\r\n " },
            { "43 spaces", new string(' ', 43) },
            { "one char", "A" },
            { "10 KB", new string('A', 10 * 1024) },
            { "non-base64 43 chars", new string('!', 43) },
            { "43 chars with a dot", valid[..42] + "." },
            { "standard base64 alphabet", "+/" + valid[2..] },
            { "padded", valid + "=" },
            { "31 bytes", b64(31) },
            { "33 bytes", b64(33) },
            { "24 bytes", b64(24) },
            { "64 bytes", b64(64) },
            { "URL-encoded first char", "%" + ((int)valid[0]).ToString("X2") + valid[1..] },
            { "double-encoded first char", "%25" + ((int)valid[0]).ToString("X2") + valid[1..] },
            { "whole token URL-encoded with a trailing %3D", valid + "%3D" },
            { "leading space", " " + valid[1..] },
            { "trailing newline", valid[..42] + "\n" },
            { "non-ASCII letters", new string('é', 43) },
            { "fullwidth letters", new string('Ａ', 43) },
            { "NUL chars", new string('\0', 43) },
            { "lone surrogate", valid[..42] + "\uD800" },
            { "query string", "invite_token=" + valid },
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_token_gets_invalid_token_without_an_exception(string name, string? token)
    {
        using var host = new TestHost();
        await host.InviteAsync();

        var accept = await host.Redemption.AcceptAsync(token!, new AcceptRequest("sub-1"));
        var reject = await host.Redemption.RejectAsync(token!);
        var preview = await host.Redemption.PreviewAsync(token!);

        accept.Error?.Code.Should().Be(InvitationErrorCodes.InvalidToken, name);
        reject.Error?.Code.Should().Be(InvitationErrorCodes.InvalidToken, name);
        preview.Error?.Code.Should().Be(InvitationErrorCodes.InvalidToken, name);
        accept.IsSuccess.Should().BeFalse();
        reject.IsSuccess.Should().BeFalse();
        preview.IsSuccess.Should().BeFalse();
        Span<byte> hash = stackalloc byte[32];
        InvitationToken.TryHash(token, hash).Should().BeFalse();
    }

    [Fact]
    public async Task Non_canonical_spelling_of_a_live_token_is_rejected()
    {
        using var host = new TestHost();
        var token = TestHost.TokenOf((await host.InviteAsync()).Link!);

        // The last of 43 chars carries 2 unused bits; setting one gives a string many decoders map to the same secret.
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        last.Should().Be(last & ~0b11, "the issued token is canonical");
        var nonCanonical = token[..42] + Alphabet[last | 0b01];

        Convert.FromBase64String(nonCanonical.Replace('-', '+').Replace('_', '/') + "=")
            .Should().Equal(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "="), "a lenient decoder reads the same secret");
        (await host.Redemption.AcceptAsync(nonCanonical, new AcceptRequest("sub-1"))).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.Redemption.PreviewAsync(nonCanonical)).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Token_accepts_one_tick_before_expiry()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);

        host.Clock.Reset(invited.Invitation.ExpiresAt - Duration.Epsilon);

        (await host.Redemption.PreviewAsync(token)).IsSuccess.Should().BeTrue();
        var accepted = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"));
        accepted.IsSuccess.Should().BeTrue(accepted.Error?.ToString());
        (await host.Manager.ListFactsAsync(invited.Invitation.Id)).Select(f => f.Type).Should().Equal(FactTypes.InviteUser, FactTypes.InviteAccepted);
    }

    [Fact]
    public async Task Token_at_expiry_gets_invitation_expired_and_emits_no_accepted_fact()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        invited.Invitation.ExpiresAt.Should().Be(TestHost.Start + Duration.FromDays(7));

        host.Clock.Reset(invited.Invitation.ExpiresAt);

        (await host.Redemption.PreviewAsync(token)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationExpired);
        (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).Error!.Code.Should().Be(InvitationErrorCodes.InvitationExpired);
        (await host.Redemption.RejectAsync(token)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationExpired);
        var facts = await host.Manager.ListFactsAsync(invited.Invitation.Id);
        facts.Select(f => f.Type).Should().Equal(FactTypes.InviteUser);
        host.Sink.Facts.Should().NotContain(f => f.Type == FactTypes.InviteAccepted);
        (await host.Manager.GetAsync(invited.Invitation.Id)).Value.State.Should().Be(InvitationState.Expired);
    }

    [Fact]
    public async Task Hundred_resends_leave_only_the_last_token_working()
    {
        using var host = new TestHost(o =>
        {
            o.Limits.ResendCooldown = TimeSpan.Zero;
            o.Limits.MaxResends = 100;
        });
        var invited = await host.InviteAsync();
        var id = invited.Invitation.Id;
        var tokens = new List<string> { TestHost.TokenOf(invited.Link!) };
        for (var i = 0; i < 100; i++)
        {
            host.Clock.Advance(Duration.FromSeconds(1));
            var resent = await host.Manager.ResendAsync(id, TestHost.Admin);
            resent.IsSuccess.Should().BeTrue(resent.Error?.ToString());
            tokens.Add(TestHost.TokenOf(resent.Value.Link!));
        }

        tokens.Should().OnlyHaveUniqueItems();
        var working = new List<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if ((await host.Redemption.PreviewAsync(tokens[i])).IsSuccess)
            {
                working.Add(i);
            }
        }

        working.Should().Equal(100);
        for (var i = 0; i < 100; i++)
        {
            (await host.Redemption.AcceptAsync(tokens[i], new AcceptRequest("sub-old"))).Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        }

        host.Sender.Sent.Should().HaveCount(101, "one message per invite and per resend");
        host.Sender.Sent.Select(m => m.TextBody).Last().Should().Contain(tokens[100]);
        var facts = await host.Manager.ListFactsAsync(id);
        facts.Should().HaveCount(101).And.OnlyContain(f => f.Type == FactTypes.InviteUser);
        facts.Count(f => f.Attributes.ContainsKey("resent")).Should().Be(100);
        (await host.Manager.ResendAsync(id, TestHost.Admin)).Error!.Code.Should().Be(InvitationErrorCodes.ResendLimitReached);

        (await host.Redemption.AcceptAsync(tokens[100], new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData("revoke", InvitationErrorCodes.InvalidToken)]
    [InlineData("reject", InvitationErrorCodes.InvalidToken)]
    [InlineData("accept", InvitationErrorCodes.InvitationAlreadyAccepted)]
    public async Task Token_stops_working_after_the_invitation_closes(string closeWith, string expected)
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        var closed = closeWith switch
        {
            "revoke" => (await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin)).IsSuccess,
            "reject" => (await host.Redemption.RejectAsync(token)).IsSuccess,
            _ => (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess,
        };
        closed.Should().BeTrue();

        (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-2"))).Error!.Code.Should().Be(expected);
        (await host.Redemption.PreviewAsync(token)).Error!.Code.Should().Be(expected);
        (await host.Manager.ListFactsAsync(invited.Invitation.Id)).Count(f => f.Type == FactTypes.InviteAccepted).Should().BeLessThanOrEqualTo(1);
    }

    private static string Tamper(string token, int kind, Random random)
    {
        switch (kind)
        {
            case 0:
                var i = random.Next(token.Length);
                char c;
                do
                {
                    c = Alphabet[random.Next(Alphabet.Length)];
                }
                while (c == token[i]);
                return string.Concat(token.AsSpan(0, i), c.ToString(), token.AsSpan(i + 1));
            case 1:
                var cut = random.Next(token.Length);
                return random.Next(2) == 0 ? token[..cut] : token.Remove(cut, 1);
            default:
                var at = random.Next(token.Length + 1);
                return token.Insert(at, Alphabet[random.Next(Alphabet.Length)].ToString());
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex Base64Url();
}
