namespace Invitations.WebApp;

/// <summary>The sample's own settings (section <c>WebApp</c> of appsettings.json).</summary>
public sealed class WebAppOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "WebApp";

    /// <summary>Holds the SQLite file, the pickup folder and the data-protection keys; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>The seeded administrator's sign-in address.</summary>
    public string AdminEmail { get; set; } = "admin@example.test";

    /// <summary>The seeded administrator's password; when empty a new one is generated (and printed) at every start.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>The roles an administrator can invite someone into (each becomes an Identity role).</summary>
    public IList<string> Roles { get; } = [];

    /// <summary>The role that may use the admin page; also what the library's <c>Inviters.Roles</c> admits by default.</summary>
    public const string AdminRole = "admin";

    /// <summary>The authorization policy of the admin pages: the <see cref="AdminRole"/> role.</summary>
    public const string AdminPolicy = "Administrators";

    /// <summary><see cref="Roles"/>, or one <c>member</c> role when configuration names none.</summary>
    public IReadOnlyList<string> InvitableRoles => Roles.Count > 0 ? [.. Roles.Distinct(StringComparer.Ordinal)] : ["member"];

    /// <summary>The absolute data directory.</summary>
    public string DataPath(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);
}
