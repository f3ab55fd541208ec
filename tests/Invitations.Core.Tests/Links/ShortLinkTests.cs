using Microsoft.Extensions.DependencyInjection;
using Invitations.Core.Tests.Support;
using Invitations.Links.Shortening;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Core.Tests.Links;

/// <summary>The built-in link shortener: short SMS, a code that is a bearer secret, resolved while and only while the link lives.</summary>
public sealed class ShortLinkTests
{
    private const string Base = "https://app.example.com/i/";

    private static TestHost Host(Action<InvitationsOptions>? configure = null) => new(o =>
    {
        o.Links.ShortenSms = true;
        o.Links.ShortLinkBaseUrl = Base;
        o.Limits.ResendCooldown = TimeSpan.Zero;
        configure?.Invoke(o);
    });

    private static InviteRequest Sms => new() { Inviter = TestHost.Admin, MobileNumber = "+49 151 12345678" };

    private static IShortLinkResolver Resolver(TestHost host) => host.Services.GetRequiredService<IShortLinkResolver>();

    private static string CodeOf(string shortLink) => shortLink[Base.Length..];

    [Fact]
    public async Task An_sms_carries_a_short_link_that_resolves_to_the_invitation_link()
    {
        using var host = Host();
        var invited = await host.InviteAsync(Sms);

        var sms = host.Sender.Sent.Should().ContainSingle().Subject;
        var shortLink = MessageLinks.In(sms);
        shortLink.Should().MatchRegex("^https://app\\.example\\.com/i/[0-9A-Za-z]{22}$");
        sms.TextBody.Should().NotContain(TestHost.TokenOf(invited.Link!), "the SMS carries the short link only");
        invited.Link.Should().Contain("invite_token=", "the admin still gets the full link");

        (await Resolver(host).ResolveAsync(CodeOf(shortLink))).Should().Be(invited.Link);
    }

    [Fact]
    public async Task Resolving_changes_nothing()
    {
        using var host = Host();
        var invited = await host.InviteAsync(Sms);
        var code = CodeOf(MessageLinks.In(host.Sender.Sent.Single()));
        var before = await host.Store.FindAsync(invited.Invitation.Id, CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            (await Resolver(host).ResolveAsync(code)).Should().NotBeNull();
        }

        (await host.Store.FindAsync(invited.Invitation.Id, CancellationToken.None)).Should().Be(before);
        (await host.Store.ListFactsAsync(invited.Invitation.Id, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_resend_rotates_the_short_link_and_the_old_code_dies()
    {
        using var host = Host();
        var invited = await host.InviteAsync(Sms);
        var first = CodeOf(MessageLinks.In(host.Sender.Sent.Single()));

        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);

        var second = CodeOf(MessageLinks.In(host.Sender.Sent.Last()));
        second.Should().NotBe(first);
        (await Resolver(host).ResolveAsync(first)).Should().BeNull();
        (await Resolver(host).ResolveAsync(second)).Should().Be(resent.Value.Link);
    }

    [Fact]
    public async Task Expired_closed_unknown_and_malformed_codes_resolve_to_nothing()
    {
        using var host = Host();
        var expiring = await host.InviteAsync(Sms);
        var expiringCode = CodeOf(MessageLinks.In(host.Sender.Sent.Last()));
        var accepted = await host.InviteAsync(Sms with { MobileNumber = "+49 151 22222222" });
        var acceptedCode = CodeOf(MessageLinks.In(host.Sender.Sent.Last()));
        (await host.Redemption.AcceptAsync(TestHost.TokenOf(accepted.Link!), new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
        (await Resolver(host).ResolveAsync(acceptedCode)).Should().BeNull();

        host.Clock.AdvanceTicks(Duration.FromDays(7).BclCompatibleTicks);
        (await Resolver(host).ResolveAsync(expiringCode)).Should().BeNull();
        expiring.Invitation.ExpiresAt.Should().Be(host.Clock.GetCurrentInstant());

        foreach (var code in new[] { ShortCode.Create(), "", "short", expiringCode + "x", expiringCode[..21] + "-", new string('0', 22) })
        {
            (await Resolver(host).ResolveAsync(code)).Should().BeNull();
        }
    }

    [Fact]
    public async Task The_store_keeps_the_code_digest_and_a_sealed_link_never_the_code_or_the_token()
    {
        using var host = Host();
        var invited = await host.InviteAsync(Sms);
        var code = CodeOf(MessageLinks.In(host.Sender.Sent.Single()));

        var record = await host.Store.FindShortLinkAsync(ShortCode.Hash(code), CancellationToken.None);

        record.Should().NotBeNull();
        record!.InvitationId.Should().Be(invited.Invitation.Id);
        var stored = System.Text.Encoding.ASCII.GetString(record.SealedToken);
        stored.Should().NotContain(TestHost.TokenOf(invited.Link!)[..12]).And.NotContain(code[..12]);
        record.CodeHash.Should().NotEqual(System.Text.Encoding.ASCII.GetBytes(code));
        ShortCode.Open(ShortCode.Create(), record.InvitationId, record.SealedToken).Should().BeNull("only the code opens the seal");
        ShortCode.Open(code, new InvitationId(Guid.NewGuid()), record.SealedToken).Should().BeNull("the seal is bound to its invitation");
    }

    [Fact]
    public async Task Codes_are_22_base62_characters_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => ShortCode.Create()).ToList();

        codes.Should().OnlyContain(c => ShortCode.IsWellFormed(c));
        codes.Distinct().Should().HaveCount(codes.Count);
        codes.SelectMany(c => c).Distinct().Should().HaveCount(62, "every base62 character occurs");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Email_is_shortened_only_when_asked_and_expired_short_links_are_purged()
    {
        using (var plain = Host())
        {
            await plain.InviteAsync();
            MessageLinks.In(plain.Sender.Sent.Single()).Should().Contain("invite_token=");
        }

        using var host = Host(o => o.Links.ShortenEmail = true);
        await host.InviteAsync();
        var code = CodeOf(MessageLinks.In(host.Sender.Sent.Single()));
        host.Clock.AdvanceTicks(Duration.FromDays(8).BclCompatibleTicks);

        (await host.Services.GetRequiredService<ShortLinkPurge>().PurgeExpiredAsync()).Should().Be(1);
        (await host.Store.FindShortLinkAsync(ShortCode.Hash(code), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Erasure_removes_the_short_links()
    {
        using var host = Host();
        await host.InviteAsync(Sms);
        var code = CodeOf(MessageLinks.In(host.Sender.Sent.Single()));

        (await host.Erasure.EraseAsync("+4915112345678")).Value.Invitations.Should().Be(1);

        (await host.Store.FindShortLinkAsync(ShortCode.Hash(code), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_host_shortener_replaces_the_built_in_one()
    {
        using var custom = new TestHost(
            o =>
            {
                o.Links.ShortenSms = true;
                o.Links.ShortLinkBaseUrl = Base;
            },
            b => b.Services.AddSingleton<ILinkShortener, PrefixShortener>());

        await custom.InviteAsync(Sms);

        custom.Sender.Sent.Single().TextBody.Should().Contain("https://sho.rt/x");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://app.example.com/i")]
    [InlineData("ftp://app.example.com/i/")]
    [InlineData("https://app.example.com/i/?a=")]
    public void The_base_url_is_required_and_checked_when_shortening_is_on(string? baseUrl)
    {
        var act = () => new TestHost(o =>
        {
            o.Links.ShortenSms = true;
            o.Links.ShortLinkBaseUrl = baseUrl;
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*Links.ShortLinkBaseUrl*");
    }

    private sealed class PrefixShortener : ILinkShortener
    {
        public ValueTask<string> ShortenAsync(LinkShorteningRequest request, CancellationToken cancellationToken) => new("https://sho.rt/x");
    }
}
