using System.Reflection;

namespace Invitations.Internal;

/// <summary>
/// The NuGet package version of the assembly that compiles this file in (linked into each package that needs it):
/// the informational version without the "+commit" source-revision suffix, e.g. "0.1.0" or "0.2.0-ci.42".
/// Telemetry scopes and the webhook User-Agent report it so an operator can match what they see to what they installed.
/// </summary>
internal static class PackageVersion
{
    public static readonly string Value = Read(typeof(PackageVersion).Assembly);

    internal static string Read(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
