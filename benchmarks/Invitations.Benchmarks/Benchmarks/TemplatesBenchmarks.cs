using BenchmarkDotNet.Attributes;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;
using Invitations.Benchmarks.Peers;

namespace Invitations.Benchmarks.Benchmarks;

/// <summary>
/// Render one invitation e-mail (subject + HTML + text) of the built-in English INVITE_USER template:
/// the library's renderer (model from the stored invitation + render, through Fluid), the hand-written floor,
/// Fluid directly (new context per render), Scriban directly (reused context / new context per render) and the
/// peers DotLiquid and Handlebars.Net on the same template. Templates are parsed once in setup for every engine.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Ops)]
public class TemplatesBenchmarks
{
    public const int Ops = 2048;

    private BenchHost _host = null!;
    private OurRenderer _ours = null!;
    private InvitationData _data = null!;
    private string _link = null!;
    private EmailModel _model = null!;
    private ScribanDirect _scriban = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new BenchHost();
        var result = _host.Manager.InviteAsync(BenchHost.Request(0)).GetAwaiter().GetResult().Value;
        _link = result.Link!;
        _data = _host.Store.FindAsync(result.Invitation.Id, default).AsTask().GetAwaiter().GetResult()!;
        _ours = new OurRenderer(_host.Services);
        _model = new EmailModel
        {
            Name = "Jane Doe",
            InvitedBy = "Ada Admin",
            AccountName = "Acme",
            InviteLink = _link,
            ExpiresAt = "March 12, 2026 2:30 PM UTC",
        };
        _scriban = new ScribanDirect();
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true, Description = "floor: hand-written (StringBuilder + HtmlEncode)")]
    public (string, string, string) Floor() => HandRenderer.Render(_model);

    [Benchmark(Description = "ours: library renderer (model + render)")]
    public (string, string?, string) Library() => _ours.Render(_data, _link);

    [Benchmark(Description = "Fluid 2.30 direct, new context per render")]
    public (string, string, string) FluidNewContext() => FluidDirect.Render(_model);

    [Benchmark(Description = "Scriban direct, reused context")]
    public (string, string, string) ScribanReused() => _scriban.Render(_model);

    [Benchmark(Description = "Scriban direct, new context per render")]
    public (string, string, string) ScribanNewContext() => ScribanDirect.RenderNewContext(_model);

    [Benchmark(Description = "peer: DotLiquid 2.3.260")]
    public (string, string, string) DotLiquid() => DotLiquidRenderer.Render(_model);

    [Benchmark(Description = "peer: Handlebars.Net 2.4.3")]
    public (string, string, string) Handlebars() => HandlebarsRenderer.Render(_model);
}
