using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Invitations.Webhooks.Tests;

/// <summary>A scripted reply of the receiver.</summary>
internal sealed record Reply(int Status, string? RetryAfter = null, string? Location = null, TimeSpan Delay = default);

/// <summary>One request as the receiver saw it, with its own verification of the signature.</summary>
internal sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, WebhookVerificationStatus Verification)
{
    public string Id => Headers[WebhookHeaders.Id];

    public string Timestamp => Headers[WebhookHeaders.Timestamp];

    public string Signature => Headers[WebhookHeaders.Signature];
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) that verifies every request with <see cref="WebhookVerifier"/>,
/// records it, and answers with the replies scripted for its path (200 when none is left).
/// </summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private Receiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
        Verifier = new WebhookVerifier(secret);
    }

    public string Secret { get; }

    public WebhookVerifier Verifier { get; set; }

    public int Port { get; private set; }

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new Receiver(app, WebhookSecret.Generate());
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Port = new Uri(address).Port;
        return receiver;
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path}");

    public void Script(string path, params Reply[] replies)
    {
        var queue = _scripts.GetOrAdd("/" + path, _ => new ConcurrentQueue<Reply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    public IReadOnlyList<ReceivedRequest> For(string path) => Requests.Where(r => r.Path == "/" + path).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value ?? "/";
        // Verify through the header-accessor overload, as the README's Webhooks section shows for ASP.NET Core.
        var verification = Verifier.Verify(name => context.Request.Headers[name], body);
        _requests.Enqueue(new ReceivedRequest(path, headers, body, verification));

        var reply = _scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next : new Reply(200);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = reply.RetryAfter;
        }

        if (reply.Location is not null)
        {
            context.Response.Headers.Location = reply.Location;
        }

        await context.Response.WriteAsync("ok", context.RequestAborted);
    }
}
