using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Invitations.Tokens;
using Microsoft.AspNetCore.DataProtection;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// Token issue and verify. Ours: 256 random bits → base64url + SHA-256 digest (issue); decode + SHA-256 +
/// constant-time compare with the stored digest (verify). Peer (baseline): ASP.NET Core Data Protection's
/// time-limited protector protecting / unprotecting the invitation id with a 7-day lifetime (in-memory
/// ephemeral key ring, so no key I/O is measured).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TokensBenchmarks
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private ITimeLimitedDataProtector _protector = null!;
    private string _payload = null!;
    private string _protected = null!;
    private string _token = null!;
    private byte[] _storedHash = null!;

    [GlobalSetup]
    public void Setup()
    {
        _protector = new EphemeralDataProtectionProvider().CreateProtector("Invitations.Tokens").ToTimeLimitedDataProtector();
        _payload = Guid.CreateVersion7().ToString("D");
        _protected = _protector.Protect(_payload, Lifetime);
        (_token, _storedHash) = InvitationToken.Create();
    }

    [BenchmarkCategory("issue"), Benchmark(Baseline = true, Description = "peer: DataProtection time-limited Protect")]
    public string PeerIssue() => _protector.Protect(_payload, Lifetime);

    [BenchmarkCategory("issue"), Benchmark(Description = "ours: InvitationToken.Create")]
    public (string, byte[]) Issue() => InvitationToken.Create();

    [BenchmarkCategory("verify"), Benchmark(Baseline = true, Description = "peer: DataProtection time-limited Unprotect")]
    public string PeerVerify() => _protector.Unprotect(_protected, out _);

    [BenchmarkCategory("verify"), Benchmark(Description = "ours: TryHash + DigestEquals")]
    public bool Verify()
    {
        Span<byte> hash = stackalloc byte[InvitationToken.HashLength];
        return InvitationToken.TryHash(_token, hash) && InvitationToken.DigestEquals(_storedHash, hash);
    }

}
