using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Invitations.MailKit.Tests;

/// <summary>
/// Runs smtp_test_server.py (Debian's python3-aiosmtpd) on a free 127.0.0.1 port. Received messages are
/// saved as files in a temporary directory; connections are counted in connections.log.
/// </summary>
public class SmtpServerFixture : IAsyncLifetime
{
    private Process? _process;
    private readonly StringBuilder _stderr = new();

    /// <summary>Arguments added to the server's command line (for example --auth user:secret).</summary>
    protected virtual IEnumerable<string> ExtraArguments(string directory) => [];

    public int Port { get; private set; }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "invitations-smtp-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var python = FindPython();
        var check = await RunAsync(python, "-c \"import aiosmtpd\"");
        if (check != 0)
        {
            throw new InvalidOperationException(
                $"The SMTP tests need Python 3 with aiosmtpd, but '{python} -c \"import aiosmtpd\"' failed. " +
                "Install it with 'apt-get install -y python3-aiosmtpd' (or source .ci/setup-smtp.sh), or point " +
                "INVITATIONS_PYTHON at a python3 that has it.");
        }

        // The free port is found by binding port 0 and closing it, so another process (a parallel test project's
        // connection, say) can take it before the server binds it: start again on a new port when that happens.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var (started, error) = await StartServerAsync(python);
            if (started)
            {
                return;
            }

            if (attempt >= 5 || !error.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The aiosmtpd test server did not start. stderr:\n{error}");
            }
        }
    }

    /// <summary>Starts the server on <see cref="Port"/>; whether it reported ready, else what it wrote on stderr (the process is gone then).</summary>
    private async Task<(bool Started, string Error)> StartServerAsync(string python)
    {
        _stderr.Clear();
        var script = Path.Combine(AppContext.BaseDirectory, "smtp_test_server.py");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--dir", Directory, "--port", Port.ToString() }.Concat(ExtraArguments(Directory)))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + python);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        var ready = process.StandardOutput.ReadLineAsync();
        var finished = await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished == ready && ready.Result is { } line && line.StartsWith("READY", StringComparison.Ordinal))
        {
            _process = process;
            return (true, "");
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        lock (_stderr)
        {
            return (false, _stderr.ToString());
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { } p)
        {
            try
            {
                p.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await p.WaitForExitAsync(cts.Token);
            }
            catch (Exception)
            {
                p.Kill(entireProcessTree: true);
            }

            p.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Connections the server accepted so far (including the controller's readiness probe).</summary>
    public int ConnectionCount()
    {
        var path = Path.Combine(Directory, "connections.log");
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }

    /// <summary>Every received raw message whose Message-ID starts with &lt;<paramref name="messageId"/>@.</summary>
    public IReadOnlyList<string> RawMessagesWithId(string messageId) =>
        AllRawMessages().Where(m => m.Contains($"Message-ID: <{messageId}@", StringComparison.OrdinalIgnoreCase)).ToList();

    public IReadOnlyList<string> AllRawMessages() =>
        System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    /// <summary>The SMTP envelope recipients (<c>RCPT TO</c>) of the single message received with <paramref name="messageId"/>.</summary>
    public IReadOnlyList<string> EnvelopeRecipients(string messageId)
    {
        var files = System.IO.Directory.GetFiles(Directory, "*.eml")
            .Where(f => File.ReadAllText(f).Contains($"Message-ID: <{messageId}@", StringComparison.OrdinalIgnoreCase))
            .ToList();
        files.Should().ContainSingle($"exactly one message with Message-ID <{messageId}@...> should have arrived");
        using var envelope = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(files[0], ".json")));
        return envelope.RootElement.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>The single message received with <paramref name="messageId"/>, raw and parsed.</summary>
    public (string Raw, MimeMessage Parsed) Single(string messageId)
    {
        var raw = RawMessagesWithId(messageId);
        raw.Should().ContainSingle($"exactly one message with Message-ID <{messageId}@...> should have arrived");
        return (raw[0], MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw[0]))));
    }

    /// <summary>A 127.0.0.1 port nobody listens on (bound and released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindPython()
    {
        var configured = Environment.GetEnvironmentVariable("INVITATIONS_PYTHON");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        // Debian's interpreter is the one python3-aiosmtpd installs into; a pyenv/venv python3 on PATH may lack it.
        return File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    }

    private static async Task<int> RunAsync(string file, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            await p.WaitForExitAsync();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

/// <summary>The same server, requiring AUTH (user "inviter", password "s3cret") over plain text on 127.0.0.1.</summary>
public sealed class AuthSmtpServerFixture : SmtpServerFixture
{
    protected override IEnumerable<string> ExtraArguments(string directory) => ["--auth", "inviter:s3cret"];
}

/// <summary>The same server, requiring STARTTLS with a freshly made self-signed certificate for 127.0.0.1.</summary>
public sealed class TlsSmtpServerFixture : SmtpServerFixture
{
    public string CertificateThumbprint { get; private set; } = "";

    protected override IEnumerable<string> ExtraArguments(string directory)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var san = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificateThumbprint = cert.Thumbprint;
        var certPath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return ["--tls-cert", certPath, "--tls-key", keyPath];
    }
}
