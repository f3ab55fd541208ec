using CsCheck;
using Invitations.Links;
using Invitations.Validation;

namespace Invitations.Core.Tests.Fuzzing;

/// <summary>Link and redirect URLs: the configuration check and the exact allow-list.</summary>
public sealed class UrlFuzzTests
{
    private const string Login = "https://app.example.com/login";
    private const string Redirect = "https://app.example.com/welcome?step=1";

    private static readonly Gen<string> Urls = Gen.Frequency(
        (3, HostileText.Text),
        (4, HostileText.NearMiss(Login)),
        (2, HostileText.NearMiss(Redirect)),
        (1, HostileText.NearMiss("http://localhost:5000/i")),
        (1, HostileText.NearMiss("https://[::ffff:127.0.0.1]:8443/a%2Fb")));

    [Fact]
    public void A_url_judged_safe_is_an_absolute_https_url_without_user_info_or_loopback_http()
    {
        Gen.Select(Urls, Gen.Bool).Sample((url, allowHttpLoopback) =>
        {
            if (!TextRules.IsSafeAbsoluteUrl(url, allowHttpLoopback))
            {
                return;
            }

            TextRules.HasForbiddenCharacters(url).Should().BeFalse();
            url.Should().NotContainAny("\\", " ");
            Uri.TryCreate(url, UriKind.Absolute, out var uri).Should().BeTrue();
            uri!.UserInfo.Should().BeEmpty();
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                url.Should().StartWithEquivalentOf("https://");
            }
            else
            {
                allowHttpLoopback.Should().BeTrue();
                uri.Scheme.Should().Be(Uri.UriSchemeHttp);
                uri.IsLoopback.Should().BeTrue();
                url.Should().StartWithEquivalentOf("http://");
            }
        }, iter: 20_000);
    }

    [Fact]
    public void A_link_target_or_redirect_is_allowed_only_when_it_is_ordinally_equal_to_a_configured_one()
    {
        var options = new InvitationsOptions();
        options.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = Login };
        options.Links.Clients["web"].AllowedRedirectLinks.Add(Redirect);
        var links = new LinkBuilder(options);

        Gen.Select(Urls, Urls).Sample((target, redirect) =>
        {
            links.Resolve("web", target, null).IsSuccess.Should().Be(target == Login);
            var resolved = links.Resolve("web", null, redirect);
            resolved.IsSuccess.Should().Be(redirect == Redirect);
            if (!resolved.IsSuccess)
            {
                resolved.Error!.Code.Should().Be(InvitationErrorCodes.RedirectNotAllowed);
            }
        }, iter: 10_000);
    }
}
