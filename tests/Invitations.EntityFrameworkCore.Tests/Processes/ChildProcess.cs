using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Invitations.EntityFrameworkCore.Tests.Processes;

/// <summary>One run of tests/Invitations.CrashHost as a separate process (<c>dotnet Invitations.CrashHost.dll key=value ...</c>).</summary>
public sealed record ChildProcess(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    /// <summary>Where the build put the child (the project reference builds it; see the csproj's CrashHostPath).</summary>
    private static readonly string HostPath = typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CrashHostPath").Value!;

    /// <summary>The boundary the child said it died on, or null when it did not.</summary>
    public string? KilledAt => Output.Split('\n').FirstOrDefault(l => l.StartsWith("KILL ", StringComparison.Ordinal))?["KILL ".Length..].Trim();

    public bool Drained => ExitCode == 0 && Output.Contains("DRAINED", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";

    public static async Task<ChildProcess> RunAsync(IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        var reading = Task.WhenAll(
            Task.Run(async () => output.Append(await process.StandardOutput.ReadToEndAsync())),
            Task.Run(async () => error.Append(await process.StandardError.ReadToEndAsync())));
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Only the process this call started, by its handle: a hung child must not outlive the test.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await reading;
            throw new TimeoutException($"the child did not finish within {limit}:\n{output}\n{error}");
        }

        await reading;
        return new ChildProcess(process.ExitCode, output.ToString(), error.ToString(), clock.Elapsed);
    }
}
