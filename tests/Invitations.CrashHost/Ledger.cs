namespace Invitations.CrashHost;

/// <summary>
/// What the processes of one test wrote about their own calls, read back from the shared directory: the links they
/// were handed and the accepts that succeeded. Lines are written after the call returned (an "intent" line before it).
/// </summary>
internal static class Ledger
{
    /// <summary>Every link any process was handed: (invitation id, address, token), oldest first per file.</summary>
    public static IReadOnlyList<(string Id, string Address, string Token)> Links(string directory) =>
        Lines(directory, "links").Where(l => l[0] == "invited").Select(l => (l[1], l[2], l[3])).ToList();

    public static IReadOnlySet<string> Accepted(string directory) =>
        Lines(directory, "accepts").Where(l => l[0] == "accepted").Select(l => l[1]).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string[]> Lines(string directory, string kind) =>
        System.IO.Directory.EnumerateFiles(directory, kind + ".*.log")
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' '));
}
