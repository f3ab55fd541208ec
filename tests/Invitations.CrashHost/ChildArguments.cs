using System.Globalization;

namespace Invitations.CrashHost;

/// <summary>The child's command line: <c>key=value</c> pairs (see <see cref="Program"/>).</summary>
internal sealed class ChildArguments
{
    private readonly Dictionary<string, string> _values;

    public ChildArguments(IEnumerable<string> args) =>
        _values = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    /// <summary><c>chain</c> (crash injection) or <c>swarm</c> (many processes at once).</summary>
    public string Mode => Required("mode");

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider => Required("provider");

    public string Connection => Required("connection");

    /// <summary>The directory every process of one test shares: logs, link files and the key ring.</summary>
    public string Directory => Required("dir");

    /// <summary>This process's name (its log files carry it).</summary>
    public string Worker => Required("worker");

    public string? Kill => _values.TryGetValue("kill", out var v) && v.Length > 0 ? v : null;

    public int Crossing => Int("crossing", 1);

    public int OffsetMinutes => Int("offset", 0);

    public int Invites => Int("invites", 6);

    public int Shared => Int("shared", 0);

    public int Workers => Int("workers", 1);

    /// <summary>No resend cooldown (<c>cooldown=0</c>): a duplicate invite always resends.</summary>
    public bool NoCooldown => Int("cooldown", 1) == 0;

    private string Required(string key) =>
        _values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"missing argument {key}=...", key);

    private int Int(string key, int fallback) =>
        _values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
