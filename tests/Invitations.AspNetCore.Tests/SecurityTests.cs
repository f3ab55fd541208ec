using System.Net;
using Invitations.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Tests;

public sealed class SecurityTests
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/invitations" },
        { "GET", "/invitations" },
        { "GET", "/invitations/3fa85f64-5717-4562-b3fc-2c963f66afa6" },
        { "PATCH", "/invitations/3fa85f64-5717-4562-b3fc-2c963f66afa6" },
        { "GET", "/invitations/3fa85f64-5717-4562-b3fc-2c963f66afa6/facts" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task An_admin_endpoint_is_401_anonymous_and_403_without_an_inviter_role(string method, string uri)
    {
        await using var host = await ApiHost.StartAsync();

        var anonymous = await host.SendAsync(new HttpMethod(method), uri, new { email = "bob@example.com" }, user: null);
        var noRole = await host.SendAsync(new HttpMethod(method), uri, new { email = "bob@example.com" }, user: "carol;viewer");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noRole.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        host.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task Each_configured_inviter_role_passes_the_default_policy()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Get, "/invitations", user: "dave;user_invite");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_policy_the_host_names_replaces_the_default()
    {
        await using var host = await ApiHost.StartAsync(
            o => o.AdminPolicy = "Staff",
            s => s.AddAuthorizationBuilder().AddPolicy("Staff", p => p.RequireAuthenticatedUser().RequireClaim("role", "staff")));

        var admin = await host.SendAsync(HttpMethod.Get, "/invitations", user: ApiHost.Admin);
        // Past the HTTP policy, Core still asks for an inviter role (and the authorizer) on every admin call.
        var staff = await host.SendAsync(HttpMethod.Get, "/invitations", user: "erin;staff,user_invite");

        admin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        staff.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_group_maps_alone_under_its_own_prefix()
    {
        await using var host = await ApiHost.StartAsync(map: app =>
        {
            app.MapInvitationAdmin("/api/admin/invites");
            app.MapInvitationRedemption("/join");
        });
        var created = await host.SendAsync(HttpMethod.Post, "/api/admin/invites", new { email = "bob@example.com" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().StartWith("/api/admin/invites/");
        (await host.SendAsync(HttpMethod.Get, "/join?invite_token=x", user: null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.SendAsync(HttpMethod.Get, "/invitations")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_never_appears_in_a_response_header_a_problem_body_or_a_log_line()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var responses = new List<HttpResponseMessage>();

        // Every invitee call with the token in a header or the body, answered with success and with problems.
        var preview = ApiHost.Request(HttpMethod.Get, "/invitation", user: null);
        preview.Headers.Add("invite_id", token);
        responses.Add(await host.Client.SendAsync(preview));
        responses.Add(await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token }, user: null));
        responses.Add(await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token, sub = "x" }, user: "mallory"));
        responses.Add(await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token, bogus = 1 }, user: "bob"));
        responses.Add(await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token }, user: "bob"));
        responses.Add(await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token }, user: "bob"));
        responses.Add(await host.SendAsync(HttpMethod.Post, "/invitation/reject", new { invite_token = token }, user: null));
        responses.Add(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}"));
        responses.Add(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}/facts"));
        responses.Add(await host.SendAsync(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" }));

        responses.Select(r => (int)r.StatusCode).Should().Contain(s => s >= 400).And.Contain(s => s < 300);
        foreach (var response in responses)
        {
            var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value);
            headers.Should().NotContain(v => v.Contains(token, StringComparison.Ordinal));
            (await response.Content.ReadAsStringAsync()).Should().NotContain(token);
        }

        host.Logs.GetSnapshot().Should().NotBeEmpty();
        host.Logs.GetSnapshot().Should().NotContain(r => r.Message.Contains(token, StringComparison.Ordinal)
            || (r.Exception != null && r.Exception.ToString().Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_token_in_the_query_reaches_only_the_hosts_request_line_log()
    {
        await using var host = await ApiHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + Uri.EscapeDataString(token), user: null);

        // ASP.NET Core's hosting log writes the request URL at Information; nothing else may carry the token.
        host.Logs.GetSnapshot().Where(r => r.Message.Contains(token, StringComparison.Ordinal))
            .Select(r => r.Category).Distinct().Should().OnlyContain(c => c == "Microsoft.AspNetCore.Hosting.Diagnostics");
    }
}
