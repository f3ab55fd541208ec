using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Invitations.AspNetCore.Tests.Support;

namespace Invitations.AspNetCore.Tests;

public sealed class AdminEndpointsTests
{
    [Fact]
    public async Task Create_answers_201_with_location_etag_and_no_link_unless_skip_send()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations", new { email = "bob@example.com", given_name = "Bob", roles = new[] { "editor" } });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var json = await ApiHost.ReadJsonAsync(response);
        var id = json["invitation"]!["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().Should().Be($"/invitations/{id}");
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        json["result"]!.GetValue<string>().Should().Be("created");
        json["invitation"]!["status"]!.GetValue<string>().Should().Be("initiated");
        json["invitation"]!["given_name"]!.GetValue<string>().Should().Be("Bob");
        json.AsObject().ContainsKey("link").Should().BeFalse();
    }

    [Fact]
    public async Task Create_with_skip_send_returns_the_link()
    {
        await using var host = await ApiHost.StartAsync();

        var (_, token) = await host.InviteAsync();

        token.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Create_with_an_invalid_email_is_a_400_problem_with_code_type_and_field()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations", new { email = "not-an-address" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await ApiHost.ReadJsonAsync(response);
        problem["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.EmailInvalid);
        problem["type"]!.GetValue<string>().Should().Be("urn:invitations:problem:email_invalid");
        problem["field"]!.GetValue<string>().Should().Be("email");
        problem["status"]!.GetValue<int>().Should().Be(400);
    }

    [Fact]
    public async Task Malformed_json_is_OneLogins_input_json_problem()
    {
        await using var host = await ApiHost.StartAsync();
        var request = ApiHost.Request(HttpMethod.Post, "/invitations");
        request.Content = new StringContent("{\"email\": ", Encoding.UTF8, "application/json");

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiHost.ReadJsonAsync(response);
        problem["title"]!.GetValue<string>().Should().Be("Input JSON is not valid");
        problem["code"]!.GetValue<string>().Should().Be(InvitationHttpErrorCodes.InvalidJson);
    }

    [Fact]
    public async Task A_misspelt_field_is_an_invalid_json_problem_naming_it()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations", new { email = "bob@example.com", given_nme = "Bob" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await ApiHost.ReadJsonAsync(response);
        problem["code"]!.GetValue<string>().Should().Be(InvitationHttpErrorCodes.InvalidJson);
        problem["field"]!.GetValue<string>().Should().Be("given_nme");
        host.Store.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_content_type_is_OneLogins_content_type_problem()
    {
        await using var host = await ApiHost.StartAsync();
        var request = ApiHost.Request(HttpMethod.Post, "/invitations");
        request.Content = new StringContent("email=bob@example.com", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await ApiHost.ReadJsonAsync(response))["title"]!.GetValue<string>().Should().Be("Content Type is not specified or specified incorrectly");
    }

    [Fact]
    public async Task A_missing_lang_falls_back_to_Accept_Language()
    {
        await using var host = await ApiHost.StartAsync();
        var request = ApiHost.Request(HttpMethod.Post, "/invitations", new { email = "bob@example.com" });
        request.Headers.AcceptLanguage.ParseAdd("fr;q=0.5, de-CH");

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ApiHost.ReadJsonAsync(response))["invitation"]!["lang"]!.GetValue<string>().Should().Be("de-CH");
    }

    [Fact]
    public async Task A_given_lang_wins_over_Accept_Language()
    {
        await using var host = await ApiHost.StartAsync();
        var request = ApiHost.Request(HttpMethod.Post, "/invitations", new { email = "bob@example.com", lang = "it" });
        request.Headers.AcceptLanguage.ParseAdd("de");

        var response = await host.Client.SendAsync(request);

        (await ApiHost.ReadJsonAsync(response))["invitation"]!["lang"]!.GetValue<string>().Should().Be("it");
    }

    [Fact]
    public async Task An_unparseable_lifetime_is_a_field_problem()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "/invitations", new { email = "bob@example.com", lifetime = "seven days" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiHost.ReadJsonAsync(response))["field"]!.GetValue<string>().Should().Be("lifetime");
    }

    [Fact]
    public async Task The_same_idempotency_key_with_another_body_is_422()
    {
        await using var host = await ApiHost.StartAsync();
        var first = ApiHost.Request(HttpMethod.Post, "/invitations", new { email = "bob@example.com" });
        first.Headers.Add("Idempotency-Key", "key-1");
        var second = ApiHost.Request(HttpMethod.Post, "/invitations", new { email = "carol@example.com" });
        second.Headers.Add("Idempotency-Key", "key-1");

        (await host.Client.SendAsync(first)).StatusCode.Should().Be(HttpStatusCode.Created);
        var response = await host.Client.SendAsync(second);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.IdempotencyKeyReused);
    }

    [Fact]
    public async Task Get_answers_the_invitation_with_its_version_as_etag()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Get, $"/invitations/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await ApiHost.ReadJsonAsync(response))["email"]!.GetValue<string>().Should().Be("bob@example.com");
    }

    [Theory]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa6")]
    [InlineData("not-a-guid")]
    public async Task Get_of_an_unknown_id_is_404_problem(string id)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Get, $"/invitations/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvitationNotFound);
    }

    [Fact]
    public async Task Patch_reinitiated_resends_and_bumps_the_version()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();
        var request = ApiHost.Request(HttpMethod.Patch, $"/invitations/{id}", new { status = "reinitiated" });
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await ApiHost.ReadJsonAsync(response);
        json["status"]!.GetValue<string>().Should().Be("reinitiated");
        response.Headers.ETag!.Tag.Should().Be($"\"{json["version"]!.GetValue<long>()}\"");
        json["version"]!.GetValue<long>().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Patch_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();
        var request = ApiHost.Request(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" });
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.ConcurrencyConflict);
        var after = await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}"));
        after["status"]!.GetValue<string>().Should().Be("initiated");
    }

    [Fact]
    public async Task Patch_with_a_weak_or_foreign_If_Match_is_412()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();
        var request = ApiHost.Request(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" });
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"1\"");

        var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await ApiHost.ReadJsonAsync(response))["code"]!.GetValue<string>().Should().Be(InvitationHttpErrorCodes.PreconditionInvalid);
    }

    [Fact]
    public async Task Patch_revoked_revokes_and_a_second_revoke_is_409()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();

        var first = await host.SendAsync(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" });
        var second = await host.SendAsync(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiHost.ReadJsonAsync(first))["status"]!.GetValue<string>().Should().Be("revoked");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ApiHost.ReadJsonAsync(second))["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvalidStateTransition);
    }

    [Fact]
    public async Task Patch_with_another_status_is_a_field_problem()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();

        var response = await host.SendAsync(HttpMethod.Patch, $"/invitations/{id}", new { status = "accepted" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiHost.ReadJsonAsync(response))["field"]!.GetValue<string>().Should().Be("status");
    }

    [Fact]
    public async Task Search_filters_by_status_and_pages_with_a_keyset_cursor()
    {
        await using var host = await ApiHost.StartAsync();
        var ids = new List<string>();
        foreach (var email in new[] { "a@example.com", "b@example.com", "c@example.com" })
        {
            ids.Add((await host.InviteAsync(email)).Id);
            host.Clock.AdvanceSeconds(1);
        }

        await host.SendAsync(HttpMethod.Patch, $"/invitations/{ids[0]}", new { status = "revoked" });

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var uri = "/invitations?status=initiated&page_size=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, uri));
            page["items"]!.AsArray().Should().HaveCountLessThanOrEqualTo(1);
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        seen.Should().BeEquivalentTo(ids.Skip(1));
    }

    [Theory]
    [InlineData("status=pending", "status")]
    [InlineData("created_from=yesterday", "created_from")]
    [InlineData("page_size=ten", "page_size")]
    [InlineData("cursor=%00garbage", "cursor")]
    public async Task Search_with_a_bad_filter_is_a_field_problem(string query, string field)
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Get, "/invitations?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiHost.ReadJsonAsync(response))["field"]!.GetValue<string>().Should().Be(field);
    }

    [Fact]
    public async Task Facts_lists_the_invitations_facts_in_their_webhook_form()
    {
        await using var host = await ApiHost.StartAsync();
        var (id, _) = await host.InviteAsync();
        await host.SendAsync(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" });

        var response = await host.SendAsync(HttpMethod.Get, $"/invitations/{id}/facts");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var facts = (await ApiHost.ReadJsonAsync(response)).AsArray();
        facts.Select(f => f!["type"]!.GetValue<string>()).Should().Contain(FactTypes.InviteRevoked);
        facts.Should().OnlyContain(f => f!["object_id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Facts_show_who_did_what_and_when()
    {
        await using var host = await ApiHost.StartAsync();
        // Sent (INVITE_USER is emitted only when the invitation is sent), by the default user alice.
        var created = await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Post, "/invitations", new { email = "carol@example.com" }));
        var id = created["invitation"]!["id"]!.GetValue<string>();
        (await host.SendAsync(HttpMethod.Patch, $"/invitations/{id}", new { status = "revoked" }, user: "bob;admin")).IsSuccessStatusCode.Should().BeTrue();

        var facts = (await ApiHost.ReadJsonAsync(await host.SendAsync(HttpMethod.Get, $"/invitations/{id}/facts"))).AsArray();

        var sent = facts.Single(f => f!["type"]!.GetValue<string>() == FactTypes.InviteUser)!;
        sent["attributes"]!["invited_by"]!.GetValue<string>().Should().Be("alice");
        var revoked = facts.Single(f => f!["type"]!.GetValue<string>() == FactTypes.InviteRevoked)!;
        revoked["attributes"]!["revoked_by"]!.GetValue<string>().Should().Be("bob");
        revoked["occurred_at"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Facts_of_an_unknown_invitation_is_404()
    {
        await using var host = await ApiHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Get, $"/invitations/{Guid.NewGuid()}/facts");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
