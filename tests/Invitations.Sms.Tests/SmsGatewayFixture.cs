using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Invitations.Sms.Tests;

/// <summary>One request as the fake gateway received it.</summary>
public sealed record ReceivedRequest(string Path, string Method, string? ContentType, string? Authorization, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port chosen by the OS) playing an SMS gateway. The path chooses the reply:
/// /ok (200), /accepted (202), /fail/{status} (that status, optional ?retryAfter=seconds or ?retryAfterDate=1,
/// ?echo=1 to echo the body), /slow (waits 5 s), /redirect (302 to /ok).
/// Every request is recorded by its X-Test-Id header.
/// </summary>
public sealed class SmsGatewayFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public ConcurrentDictionary<string, ReceivedRequest> Requests { get; } = new();

    public ConcurrentBag<string> Paths { get; } = [];

    public Uri BaseAddress { get; private set; } = null!;

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Paths.Add(context.Request.Path.Value ?? "");
            var id = context.Request.Headers["X-Test-Id"].ToString();
            if (id.Length > 0)
            {
                Requests[id] = new ReceivedRequest(
                    context.Request.Path.Value ?? "",
                    context.Request.Method,
                    context.Request.ContentType,
                    context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                    context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body);
            }

            context.Items["body"] = body;
            await next(context);
        });
        _app.MapPost("/ok", () => Results.Ok(new { sid = "SM123" }));
        _app.MapPost("/accepted", () => Results.StatusCode(202));
        _app.MapPost("/redirect", () => Results.Redirect("/ok"));
        _app.MapPost("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            return Results.Ok();
        });
        _app.MapPost("/fail/{status:int}", (int status, HttpContext context) =>
        {
            var query = context.Request.Query;
            if (query.TryGetValue("retryAfter", out var seconds))
            {
                context.Response.Headers.RetryAfter = seconds.ToString();
            }

            if (query.TryGetValue("retryAfterAt", out var at))
            {
                context.Response.Headers.RetryAfter = DateTimeOffset.FromUnixTimeSeconds(long.Parse(at!, System.Globalization.CultureInfo.InvariantCulture)).ToString("R");
            }

            if (query.ContainsKey("retryAfterDate"))
            {
                context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(120).ToString("R");
            }

            var echo = query.ContainsKey("echo") ? " you sent: " + (string)context.Items["body"]! : "";
            return Results.Text($"{{\"error\":\"gateway says {status}\"}}{echo}", "application/json", statusCode: status);
        });

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
