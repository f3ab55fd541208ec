using System.Net;
using Invitations.AspNetCore.Tests.Support;

namespace Invitations.AspNetCore.Tests;

public sealed class RedemptionEndpointsTests
{
    [Fact]
    public async Task Preview_by_query_token_answers_the_prefill_with_no_store_and_no_referrer()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + Uri.EscapeDataString(token), user: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        var json = await ApiHost.ReadJsonAsync(response);
        json["id"]!.GetValue<string>().Should().Be(id);
        json["email"]!.GetValue<string>().Should().Be("bob@example.com");
    }

    [Theory]
    [InlineData("query invite_id")]
    [InlineData("header invite_id")]
    public async Task Preview_reads_the_token_where_cidaas_sends_it(string where)
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var request = ApiHost.Request(HttpMethod.Get, where.StartsWith("query") ? "/invitation?invite_id=" + Uri.EscapeDataString(token) : "/invitation", user: null);
        if (where.StartsWith("header"))
        {
            request.Headers.Add("invite_id", token);
        }

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiHost.ReadJsonAsync(response))["id"]!.GetValue<string>().Should().Be(id);
    }

    [Fact]
    public async Task Preview_never_changes_state()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var factsBefore = (await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}/facts"))).AsArray().Count;
        var outboxBefore = host.Store.SnapshotOutbox().Count;

        for (var i = 0; i < 3; i++)
        {
            (await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + Uri.EscapeDataString(token), user: null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}/facts"))).AsArray().Count.Should().Be(factsBefore);
        host.Store.SnapshotOutbox().Count.Should().Be(outboxBefore);
        var after = await host.SendAsync(HttpMethod.Get, $"/invitations/{id}");
        after.Headers.ETag!.Tag.Should().Be("\"1\"");
    }

    [Theory]
    [InlineData("/invitation")]
    [InlineData("/invitation?invite_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Preview_without_or_with_an_unknown_token_is_404(string uri)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Get, uri, user: null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task Two_different_tokens_are_a_problem_that_echoes_neither()
    {
        await using var host = await ApiHost.StartAsync();
        var (_, token) = await host.InviteAsync();
        var request = ApiHost.Request(HttpMethod.Get, "/invitation?invite_token=" + Uri.EscapeDataString(token), user: null);
        request.Headers.Add("invite_id", "other-token-value");

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().NotContain(token).And.NotContain("other-token-value");
    }

    [Fact]
    public async Task Preview_of_an_expired_invitation_is_410()
    {
        await using var host = await ApiHost.StartAsync();
        var (_, token) = await host.InviteAsync();
        host.Clock.AdvanceDays(30);

        var response = await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=" + Uri.EscapeDataString(token), user: null);

        response.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvitationExpired);
    }

    [Fact]
    public async Task Accept_by_the_signed_in_user_applies_once_and_a_second_accept_is_409()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var first = await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token }, user: "bob-account");
        var second = await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token }, user: "bob-account");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.CacheControl!.NoStore.Should().BeTrue();
        var json = await ApiHost.ReadJsonAsync(first);
        json["id"]!.GetValue<string>().Should().Be(id);
        json["status"]!.GetValue<string>().Should().Be("accepted");
        json["sub"]!.GetValue<string>().Should().Be("bob-account");
        json["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("editor");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiHost.ReadJsonAsync(second))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
    }

    [Fact]
    public async Task Accept_with_the_token_in_the_query_and_no_body_works()
    {
        await using var host = await ApiHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitation/accept?invite_token=" + Uri.EscapeDataString(token), user: "bob-account");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Anonymous_accept_is_401_and_leaves_the_invitation_pending()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token, sub = "someone-else" }, user: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationHttpErrorCodes.Unauthenticated);
        (await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}")))["status"]!.GetValue<string>().Should().Be("initiated");
    }

    [Fact]
    public async Task A_signed_in_user_cannot_accept_into_another_account()
    {
        await using var host = await ApiHost.StartAsync();
        var (_, token) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token, sub = "victim" }, user: "mallory");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ApiHost.ReadJsonAsync(response))["field"]!.GetValue<string>().Should().Be("sub");
    }

    [Fact]
    public async Task With_AllowSubjectFromBody_an_anonymous_accept_names_the_account()
    {
        await using var host = await ApiHost.StartAsync(o => o.AllowSubjectFromBody = true);
        var (_, token) = await host.InviteAsync();

        var missing = await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token }, user: null);
        var response = await host.SendAsync(HttpMethod.Post, "/invitation/accept", new { invite_token = token, sub = "new-account" }, user: null);

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiHost.ReadJsonAsync(response))["sub"]!.GetValue<string>().Should().Be("new-account");
    }

    [Fact]
    public async Task Reject_declines_and_answers_only_id_and_status()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitation/reject", new { invite_token = token }, user: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = (await ApiHost.ReadJsonAsync(response)).AsObject();
        json.Select(p => p.Key).Should().BeEquivalentTo("id", "status");
        json["id"]!.GetValue<string>().Should().Be(id);
        json["status"]!.GetValue<string>().Should().Be("rejected");
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    public async Task A_cross_site_form_post_cannot_accept_even_with_the_token_in_the_query_and_an_empty_body(string contentType)
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        var request = ApiHost.Request(HttpMethod.Post, "/invitation/accept?invite_token=" + Uri.EscapeDataString(token), user: "victim");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}")))["status"]!.GetValue<string>().Should().Be("initiated");
    }

    [Theory]
    [InlineData("/invitation/accept")]
    [InlineData("/invitation/reject")]
    public async Task Accept_and_reject_answer_only_POST(string uri)
    {
        await using var host = await ApiHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Get, uri + "?invite_token=" + Uri.EscapeDataString(token), user: "bob-account");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}")))["status"]!.GetValue<string>().Should().Be("initiated");
    }

    [Fact]
    public async Task The_invitee_endpoints_are_rate_limited_per_client_with_a_problem()
    {
        await using var host = await ApiHost.StartAsync(o => o.RedemptionPermitLimit = 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=unknown", user: null)).StatusCode);
        }

        var limited = await host.SendAsync(HttpMethod.Get, "/invitation?invite_token=unknown", user: null);
        statuses.Should().Equal(HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await ApiHost.ReadJsonAsync(limited))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.RateLimited);
    }
}
