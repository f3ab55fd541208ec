using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Invitations.WebApp.BrowserTests;

/// <summary>
/// The sample's own Program on a real Kestrel port of 127.0.0.1 (a browser cannot reach WebApplicationFactory's
/// in-memory TestServer), with its own data directory (SQLite file, pickup folder, keys) and a clock the test moves.
/// </summary>
public sealed class WebAppHost : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Admin-Passw0rd!";

    public WebAppHost()
    {
        // The link in each e-mail must name the port the app listens on, and the library reads the link base from options,
        // so the port is chosen before the app starts (the OS hands out a free one; nothing else binds it in between here).
        Port = FreeLoopbackPort();
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "invitations-webapp-tests", Guid.NewGuid().ToString("N"));

    public string Pickup => Path.Combine(DataDirectory, "pickup");

    /// <summary>The app's clock (registered as its TimeProvider), starting now; tests advance it to expire invitations.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebApp:DataDirectory"] = DataDirectory,
            ["WebApp:AdminPassword"] = AdminPassword,
            ["Invitations:Links:Clients:web:InitiateLoginUri"] = $"{BaseUrl}/invite",
            ["Invitations:Links:Clients:web:AllowedRedirectLinks:0"] = $"{BaseUrl}/welcome",
            ["Invitations:Delivery:RunInBackground"] = "false",
            ["Invitations:Maintenance:RunInBackground"] = "false",
        }));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned by the system later.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
