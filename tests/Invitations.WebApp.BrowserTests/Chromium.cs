namespace Invitations.WebApp.BrowserTests;

/// <summary>Debian's Chromium, which the tests drive (Playwright's own browser download is not used).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why the browser tests cannot run here, or null. Without the browser a test reports skipped; under CI=true it fails
    /// instead (CI installs it with .ci/setup-chromium.sh), so a missing browser is never a silent pass.
    /// </summary>
    public static string? NotRunReason() => NotRunReason(ExecutablePath, IsCi);

    public static string? NotRunReason(string executablePath, bool ci)
    {
        if (File.Exists(executablePath))
        {
            return null;
        }

        var reason = $"{executablePath} is missing (apt-get install -y chromium, or source .ci/setup-chromium.sh)";
        return ci ? throw new InvalidOperationException($"CI=true but {reason}: the browser tests cannot run.") : reason;
    }
}
