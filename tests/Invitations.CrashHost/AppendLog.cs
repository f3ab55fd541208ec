using System.Text;

namespace Invitations.CrashHost;

/// <summary>
/// An append-only line log on disk, flushed to the device before the caller goes on: a line written before a kill
/// is there after it. One file per process (processes never share a file, so lines never interleave).
/// </summary>
internal sealed class AppendLog(string path)
{
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, FileOptions.WriteThrough);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
    }
}
