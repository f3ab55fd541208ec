using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invitations.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.AspNetCore.Tests.Support;

/// <summary>An ASP.NET Core app on the in-process test server with the invitation APIs mapped, in-memory defaults, a fake clock and a captured log.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Admin = "alice;admin";
    public const string LoginUri = "https://app.example.com/login";
    public const string RedirectUri = "https://app.example.com/welcome";

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, FakeClock clock, FakeLogCollector logs)
    {
        _app = app;
        Clock = clock;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeClock Clock { get; }

    public FakeLogCollector Logs { get; }

    public InMemoryInvitationStore Store => (InMemoryInvitationStore)_app.Services.GetRequiredService<IInvitationStore>();

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiHost> StartAsync(
        Action<InvitationEndpointOptions>? endpoints = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 5, 14, 30));
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddOpenApi();
        builder.Services.AddInvitations(o =>
            {
                o.Defaults.AccountName = "Acme";
                o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = LoginUri };
                o.Links.Clients["web"].AllowedRedirectLinks.Add(RedirectUri);
            })
            .AddHttpEndpoints(endpoints);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseRateLimiter();
        app.MapOpenApi();
        if (map is null)
        {
            app.MapInvitations();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        return new ApiHost(app, clock, logs);
    }

    /// <summary>A request signed in as <paramref name="user"/> (null: anonymous).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string uri, object? json = null, string? user = Admin)
    {
        var request = new HttpRequestMessage(method, uri);
        if (user is not null)
        {
            request.Headers.Add(TestAuthHandler.Header, user);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, object? json = null, string? user = Admin) =>
        await Client.SendAsync(Request(method, uri, json, user));

    /// <summary>Creates an invitation without sending it and returns its id and token (from the link skip_send returns).</summary>
    public async Task<(string Id, string Token)> InviteAsync(string email = "bob@example.com", object? extra = null)
    {
        var body = new JsonObject { ["email"] = email, ["roles"] = new JsonArray("editor"), ["skip_send"] = true };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }

        var response = await SendAsync(HttpMethod.Post, "/invitations", body);
        var json = await ReadJsonAsync(response);
        response.EnsureSuccessStatusCode();
        var link = new Uri(json["link"]!.GetValue<string>());
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["invite_token"].ToString();
        return (json["invitation"]!["id"]!.GetValue<string>(), token);
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("null body");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
