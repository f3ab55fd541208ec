using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Invitations.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Invitations.AspNetCore.Tests;

/// <summary><c>POST /invitation/new-link</c> and <c>GET /i/{code}</c>.</summary>
public sealed class NewLinkAndShortLinkEndpointsTests
{
    private const string ShortBase = "https://app.example.com/i/";

    private static Task<ApiHost> StartAsync(Action<InvitationsOptions>? configure = null, Action<InvitationEndpointOptions>? endpoints = null, Action<WebApplication>? map = null) =>
        ApiHost.StartAsync(
            endpoints,
            services =>
            {
                services.AddAntiforgery();
                services.Configure<InvitationsOptions>(o =>
                {
                    o.NewLinks.Enabled = true;
                    o.Links.ShortenSms = true;
                    o.Links.ShortLinkBaseUrl = ShortBase;
                    configure?.Invoke(o);
                });
            },
            map);

    private static InMemoryMessageSender Sender(ApiHost host) => host.Services.GetServices<IMessageSender>().OfType<InMemoryMessageSender>().Single();

    /// <summary>Creates and sends an invitation; returns the token link of the message (the API shows a sent invitation's link to nobody).</summary>
    private static async Task<string> InviteSentAsync(ApiHost host, JsonObject body)
    {
        var response = await host.SendAsync(HttpMethod.Post, "/invitations", body);
        response.EnsureSuccessStatusCode();
        var text = Sender(host).Sent.Last().TextBody;
        var start = text.IndexOf(ApiHost.LoginUri, StringComparison.Ordinal);
        return start < 0 ? string.Empty : text[start..].Split('\n', ' ')[0];
    }

    [Fact]
    public async Task A_new_link_request_answers_the_same_202_whether_or_not_the_address_was_invited()
    {
        await using var host = await StartAsync();
        await InviteSentAsync(host, new JsonObject { ["email"] = "bob@example.com" });
        host.Clock.Advance(Duration.FromMinutes(61)); // past NewLinks.AddressCooldown

        var known = await host.SendAsync(HttpMethod.Post, "/invitation/new-link", new { address = "bob@example.com" }, user: null);
        var unknown = await host.SendAsync(HttpMethod.Post, "/invitation/new-link", new { address = "eve@example.com" }, user: null);
        var badToken = await host.SendAsync(HttpMethod.Post, "/invitation/new-link", new { invite_token = new string('A', 43) }, user: null);

        foreach (var response in new[] { known, unknown, badToken })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Accepted);
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        }

        var bodies = await Task.WhenAll(new[] { known, unknown, badToken }.Select(r => r.Content.ReadAsStringAsync()));
        bodies.Distinct().Should().ContainSingle().Which.Should().Contain("If an invitation matches");
        Sender(host).Sent.Should().HaveCount(2).And.OnlyContain(m => m.To == "bob@example.com");
    }

    [Fact]
    public async Task The_holder_of_an_expired_link_gets_a_renewed_one()
    {
        await using var host = await StartAsync();
        var link = await InviteSentAsync(host, new JsonObject { ["email"] = "bob@example.com" });
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query)["invite_token"].ToString();
        host.Clock.Advance(Duration.FromDays(8));
        (await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + token, user: null)).StatusCode.Should().Be(HttpStatusCode.Gone);

        (await host.SendAsync(HttpMethod.Post, "/invitation/new-link", new { invite_token = token }, user: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        Sender(host).Sent.Should().HaveCount(2);
        (await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + token, user: null)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the old link died");
    }

    [Fact]
    public async Task A_form_post_is_refused_and_antiforgery_does_not_get_in_the_way()
    {
        await using var host = await StartAsync(map: app =>
        {
            app.UseAntiforgery();
            app.MapInvitations();
        });

        var form = new HttpRequestMessage(HttpMethod.Post, "/invitation/new-link") { Content = new StringContent("address=bob%40example.com", Encoding.UTF8, "application/x-www-form-urlencoded") };
        (await host.Client.SendAsync(form)).StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, "a cross-site form cannot ask for links");

        (await host.SendAsync(HttpMethod.Post, "/invitation/new-link", new { address = "bob@example.com" }, user: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task New_link_requests_are_rate_limited_and_off_unless_enabled()
    {
        await using (var limited = await StartAsync(endpoints: e => e.RedemptionPermitLimit = 2))
        {
            for (var i = 0; i < 2; i++)
            {
                (await limited.SendAsync(HttpMethod.Post, "/invitation/new-link", new { address = "x@example.com" }, user: null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            }

            (await limited.SendAsync(HttpMethod.Post, "/invitation/new-link", new { address = "x@example.com" }, user: null)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }

        await using var off = await StartAsync(o => o.NewLinks.Enabled = false);
        var refused = await off.SendAsync(HttpMethod.Post, "/invitation/new-link", new { address = "x@example.com" }, user: null);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var on = await StartAsync();
        (await on.SendAsync(HttpMethod.Post, "/invitation/new-link", new { }, user: null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_short_link_redirects_to_the_invitation_link_without_caching_or_referrer_and_changes_nothing()
    {
        await using var host = await StartAsync();
        (await InviteSentAsync(host, new JsonObject { ["mobile_number"] = "+49 151 12345678" })).Should().BeEmpty("the SMS carries only the short link");
        var sms = Sender(host).Sent.Single().TextBody;
        var code = sms.Substring(sms.IndexOf(ShortBase, StringComparison.Ordinal) + ShortBase.Length, 22);
        var outbox = host.Store.SnapshotOutbox().Count;

        var locations = new List<Uri>();
        for (var i = 0; i < 3; i++)
        {
            var response = await host.SendAsync(HttpMethod.Get, "/i/" + code, user: null);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            locations.Add(response.Headers.Location!);
        }

        host.Store.SnapshotOutbox().Count.Should().Be(outbox);
        var target = locations.Distinct().Should().ContainSingle().Subject.ToString();
        target.Should().StartWith(ApiHost.LoginUri + "?invite_token=").And.EndWith("&view_type=register");
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(target).Query)["invite_token"].ToString();
        (await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + token, user: null)).StatusCode.Should().Be(HttpStatusCode.OK, "the redirect leads to the live invitation");
    }

    [Fact]
    public async Task Unknown_malformed_and_expired_codes_get_the_same_404()
    {
        await using var host = await StartAsync();
        await InviteSentAsync(host, new JsonObject { ["mobile_number"] = "+49 151 12345678" });
        var sms = Sender(host).Sent.Single().TextBody;
        var code = sms.Substring(sms.IndexOf(ShortBase, StringComparison.Ordinal) + ShortBase.Length, 22);
        host.Clock.Advance(Duration.FromDays(8));

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (var path in new[] { "/i/" + code, "/i/" + new string('a', 22), "/i/x" })
        {
            var response = await host.SendAsync(HttpMethod.Get, path, user: null);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.NotFound);
        answers.Select(a => a.Body).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task MapInvitationShortLinks_maps_them_alone_under_its_prefix()
    {
        await using var host = await StartAsync(map: app => app.MapInvitationShortLinks("/s"));

        var response = await host.SendAsync(HttpMethod.Get, "/s/" + new string('a', 22), user: null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await host.SendAsync(HttpMethod.Get, "/i/" + new string('a', 22), user: null)).Content.Headers.ContentType.Should().BeNull("nothing is mapped there");
    }
}
