using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Invitations.AspNetCore.Identity.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Identity.Tests;

public sealed class RegistrationEndpointTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        _directory = IdentityHost.ConfigureServices(builder.Services, invitationsBuilder: i => i.AddHttpEndpoints()).Directory;
        _app = builder.Build();
        await IdentityHost.PrepareAsync(_app.Services, "editor");
        _app.UseRateLimiter();
        _app.MapInvitationRegistration<IdentityUser>();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        IdentityHost.DeleteDirectory(_directory);
    }

    [Fact]
    public async Task Post_creates_the_account_and_answers_201_with_its_id()
    {
        var token = await InviteAsync();

        var response = await _client.PostAsJsonAsync("/invitation/register", new { invite_id = token, password = IdentityHost.StrongPassword, given_name = "Bob" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync("bob@example.com");
        body["sub"]!.GetValue<string>().Should().Be(user!.Id);
        body["invite_id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().GetRolesAsync(user)).Should().Equal("editor");
    }

    [Fact]
    public async Task A_weak_password_is_a_400_problem_with_identitys_errors_per_field()
    {
        var token = await InviteAsync();

        var response = await _client.PostAsJsonAsync("/invitation/register", new { invite_token = token, password = "abc" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.PasswordRejected);
        problem["type"]!.GetValue<string>().Should().Be("urn:invitations:problem:password_rejected");
        problem["field"]!.GetValue<string>().Should().Be("password");
        problem["errors"]!["password"]!.AsArray().Should().NotBeEmpty();
        problem["identity_errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().Contain(nameof(IdentityErrorDescriber.PasswordTooShort));
        (await response.Content.ReadAsStringAsync()).Should().NotContain(token);
    }

    [Fact]
    public async Task A_used_token_is_a_409_problem()
    {
        var token = await InviteAsync();
        (await _client.PostAsJsonAsync("/invitation/register", new { invite_id = token, password = IdentityHost.StrongPassword })).StatusCode.Should().Be(HttpStatusCode.Created);

        var again = await _client.PostAsJsonAsync("/invitation/register", new { invite_id = token, password = IdentityHost.StrongPassword });

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        JsonNode.Parse(await again.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_onelogins_message()
    {
        var response = await _client.PostAsync("/invitation/register", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be("invalid_json");
    }

    [Fact]
    public async Task A_missing_token_is_invalid_token()
    {
        var response = await _client.PostAsJsonAsync("/invitation/register", new { password = IdentityHost.StrongPassword });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>().Should().Be(InvitationErrorCodes.InvalidToken);
    }

    private async Task<string> InviteAsync()
    {
        var result = await _app.Services.GetRequiredService<IInvitationManager>().InviteAsync(new InviteRequest
        {
            Inviter = InvitationActor.Admin("alice"),
            Email = "bob@example.com",
            ClientId = "web",
            Roles = ["editor"],
        });
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(result.Value.Link!).Query)["invite_token"].ToString();
    }
}
