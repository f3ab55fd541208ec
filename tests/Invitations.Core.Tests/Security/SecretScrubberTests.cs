using Invitations.Diagnostics;

namespace Invitations.Core.Tests.Security;

/// <summary>Issue 13 finding 8: a token split by a quoted-printable soft line break slipped past the scrubber.</summary>
public sealed class SecretScrubberTests
{
    private const string Token = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg"; // 43 base64url characters, as issued

    [Theory]
    [InlineData(20, "=\r\n")]
    [InlineData(1, "=\r\n")]
    [InlineData(42, "=\r\n")]
    [InlineData(16, "=\n")]
    public void A_token_split_by_a_soft_line_break_is_redacted_whole(int at, string softBreak)
    {
        var quoted = "550 5.7.1 rejected: <a href=3D\"https://app.example.com/i/" + Token[..at] + softBreak + Token[at..] + "\">Register</a>";

        var scrubbed = SecretScrubber.Scrub(quoted);

        scrubbed.Should().Contain("[redacted]");
        scrubbed.Replace("=\r\n", string.Empty, StringComparison.Ordinal).Replace("=\n", string.Empty, StringComparison.Ordinal).Should().NotContain(Token[..12]).And.NotContain(Token[^12..]);
    }

    [Fact]
    public void A_token_split_by_two_soft_line_breaks_is_redacted_whole()
    {
        var quoted = Token[..10] + "=\r\n" + Token[10..25] + "=\r\n" + Token[25..];

        SecretScrubber.Scrub(quoted).Should().Be("[redacted]");
    }

    [Theory]
    [InlineData("451 4.3.0 try again later")]
    [InlineData("Hello=\r\nWorld, short words=\r\nstay")]
    [InlineData("HTTP 503 Service Unavailable")]
    [InlineData("InvalidOperationException: the operation was canceled")]
    [InlineData("OperationCanceledException: connect to smtp-relay-eu-central-1 timed out")]
    [InlineData("lane 'Invitations.Webhooks/crm-analytics-endpoint': 503")]
    public void Ordinary_replies_are_kept(string reply) => SecretScrubber.Scrub(reply).Should().Be(reply);

    [Fact]
    public void A_contiguous_token_is_still_redacted() =>
        SecretScrubber.Scrub("token=" + Token + " end").Should().Be("token=[redacted] end");

    [Fact]
    public void A_short_link_code_is_redacted()
    {
        var code = Invitations.Links.Shortening.ShortCode.Create();

        SecretScrubber.Scrub("550 rejected: https://app.example.com/i/" + code + " (spam)").Should().Be("550 rejected: https://app.example.com/i/[redacted] (spam)");
    }

    [Fact]
    public void A_short_link_code_split_by_a_soft_line_break_is_redacted()
    {
        var code = Invitations.Links.Shortening.ShortCode.Create();

        SecretScrubber.Scrub("/i/" + code[..9] + "=\r\n" + code[9..] + "\"").Should().Be("/i/[redacted]\"");
    }
}
