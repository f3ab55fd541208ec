using Microsoft.Extensions.Options;

namespace Invitations.WebApp.Setup;

/// <summary>
/// Where the app keeps its state: everything under <see cref="WebAppOptions.DataDirectory"/>, so a test (or a second
/// copy of the app) gets its own database, mail folder and keys by changing one setting.
/// </summary>
public sealed class WebAppPaths(IOptions<WebAppOptions> options, IWebHostEnvironment environment)
{
    /// <summary>The data directory.</summary>
    public string Root { get; } = options.Value.DataPath(environment.ContentRootPath);

    /// <summary>The one SQLite file: Identity's tables and the invitations'.</summary>
    public string Database => Path.Combine(Root, "webapp.db");

    /// <summary>Where each e-mail is written as an .eml file (when no SMTP server is configured).</summary>
    public string Pickup => Path.Combine(Root, "pickup");

    /// <summary>The data-protection key ring (cookies, antiforgery, and the invitation outbox's encrypted bodies).</summary>
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>The SQLite connection string.</summary>
    public string ConnectionString => $"Data Source={Database}";
}
