using System.Diagnostics;
using FluentAssertions;
using Invitations.Core.Tests.Support;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Internal;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Invitations.Core.Tests.Diagnostics;

/// <summary>
/// The library's traces and metrics as a host exports them: the OpenTelemetry SDK with its in-memory exporter. The
/// tests run alone (<see cref="TelemetryCollection"/>): a listener by source and meter name also hears every other
/// test's hosts, whose instruments of the same names would mix their points into this test's streams (a CI run saw
/// another test's failed invite where this test's successful one belonged). Spans are still picked by trace id.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class OpenTelemetryExportTests
{
    private static readonly ActivitySource Host = new("Invitations.Tests.Host");

    [Fact]
    public async Task SpansNestUnderTheRequestFailuresEndInErrorAndBackgroundDeliveryContinuesTheCausingTrace()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(InvitationsInstrumentation.ActivitySourceName, Host.Name)
            .AddInMemoryExporter(spans)
            .Build()!;
        using var host = new TestHost(o => o.Delivery.Inline = false);
        var address = $"jane.{Guid.NewGuid():N}@example.com";

        InviteResult invited;
        ActivityTraceId inviteTrace;
        using (var request = Host.StartActivity("POST /invitations", ActivityKind.Server)!)
        {
            inviteTrace = request.TraceId;
            invited = (await host.Manager.InviteAsync(TestHost.Request(address))).Value;
        }

        var token = TestHost.TokenOf(invited.Link!);
        ActivitySpanId acceptRequest;
        ActivityTraceId acceptTrace;
        using (var request = Host.StartActivity("POST /accept", ActivityKind.Server)!)
        {
            (acceptRequest, acceptTrace) = (request.SpanId, request.TraceId);
            (await host.Redemption.PreviewAsync(token)).IsSuccess.Should().BeTrue();
            (await host.Redemption.AcceptAsync("not-a-token", new AcceptRequest("sub-1"))).IsSuccess.Should().BeFalse();
        }

        ActivityTraceId forbiddenTrace;
        using (var request = Host.StartActivity("POST /invitations", ActivityKind.Server)!)
        {
            forbiddenTrace = request.TraceId;
            var stranger = new InvitationActor("stranger", null, []);
            (await host.Manager.InviteAsync(TestHost.Request($"bob.{Guid.NewGuid():N}@example.com") with { Inviter = stranger })).Error!.Code
                .Should().Be(InvitationErrorCodes.Forbidden);
        }

        // The background dispatcher, in no request at all.
        Activity.Current = null;
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        (await dispatcher.DispatchAsync(invited.Invitation.Id, CancellationToken.None)).Should().Be(2);

        ActivitySpanId registerRequest;
        using (var request = Host.StartActivity("POST /register", ActivityKind.Server)!)
        {
            registerRequest = request.SpanId;
            (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
        }

        tracing.ForceFlush();

        var invite = spans.Single(s => s.TraceId == inviteTrace && s.OperationName == "invitations.invite");
        invite.Status.Should().Be(ActivityStatusCode.Unset);
        invite.Source.Version.Should().Be(PackageVersion.Value);
        invite.GetTagItem("invitations.invitation.id").Should().Be(invited.Invitation.Id.ToString());

        var preview = spans.Single(s => s.TraceId == acceptTrace && s.OperationName == "invitations.preview");
        preview.ParentSpanId.Should().Be(acceptRequest, "the host's request span is the parent");
        preview.Status.Should().Be(ActivityStatusCode.Unset);
        var failedAccept = spans.Single(s => s.TraceId == acceptTrace && s.OperationName == "invitations.accept");
        failedAccept.ParentSpanId.Should().Be(acceptRequest);
        failedAccept.Status.Should().Be(ActivityStatusCode.Error);
        failedAccept.GetTagItem("error.type").Should().Be(InvitationErrorCodes.InvalidToken);

        var accepted = spans.Single(s => s.ParentSpanId == registerRequest && s.OperationName == "invitations.accept");
        accepted.Status.Should().Be(ActivityStatusCode.Unset);
        accepted.GetTagItem("invitations.invitation.id").Should().Be(invited.Invitation.Id.ToString());

        var forbidden = spans.Single(s => s.TraceId == forbiddenTrace && s.OperationName == "invitations.invite");
        forbidden.Status.Should().Be(ActivityStatusCode.Error, "a forbidden invite is a failure");
        forbidden.GetTagItem("error.type").Should().Be(InvitationErrorCodes.Forbidden);

        // Background delivery: each call continues the invite's trace, under the invite span that saved the items, and links the batch.
        var id = invited.Invitation.Id.ToString();
        var send = spans.Single(s => s.OperationName == "invitations.send" && Equals(s.GetTagItem("invitations.invitation.id"), id));
        var webhook = spans.Single(s => s.OperationName == "invitations.webhook" && Equals(s.GetTagItem("invitations.invitation.id"), id));
        var batch = spans.Single(s => s.OperationName == "invitations.dispatch" && send.Links.Any(l => l.Context.SpanId == s.SpanId));
        foreach (var call in new[] { send, webhook })
        {
            call.TraceId.Should().Be(inviteTrace);
            call.ParentSpanId.Should().Be(invite.SpanId);
            call.Status.Should().Be(ActivityStatusCode.Unset);
            call.Links.Select(l => l.Context.SpanId).Should().Contain(batch.SpanId);
        }

        send.GetTagItem("invitations.channel").Should().Be("email");
        batch.TraceId.Should().NotBe(inviteTrace, "the batch is the dispatcher's own trace");

        // Never a token, a link or an address in any tag of this test's spans.
        var mine = spans.Where(s => s.TraceId == inviteTrace || s.TraceId == acceptTrace || s.TraceId == forbiddenTrace || s == batch || s == accepted).ToList();
        mine.Should().HaveCountGreaterThan(8);
        foreach (var tag in mine.SelectMany(s => s.TagObjects))
        {
            var text = tag.Value?.ToString() ?? "";
            text.Should().NotContain(token).And.NotContain("@").And.NotContain("not-a-token").And.NotContain("https://");
        }
    }

    [Fact]
    public async Task MetricsCarrySecondsUnitsOutcomesAndGaugesFromTheMaintenanceRefresh()
    {
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(InvitationsInstrumentation.MeterName)
            .AddInMemoryExporter(metrics)
            .Build()!;
        using var host = new TestHost(o => o.Delivery.Inline = false);
        var invited = await host.InviteAsync(TestHost.Request($"jane.{Guid.NewGuid():N}@example.com"));
        (await host.Redemption.AcceptAsync("not-a-token", new AcceptRequest("sub-1"))).IsSuccess.Should().BeFalse();
        var stats = (await host.Store.GetStatsAsync(host.Clock.GetCurrentInstant(), CancellationToken.None))!;
        await host.Services.GetRequiredService<GaugeRefresher>().RefreshAsync(CancellationToken.None);
        (await host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(invited.Invitation.Id, CancellationToken.None)).Should().Be(2);

        meters.ForceFlush();

        var duration = metrics.Last(m => m.Name == "invitations.operation.duration");
        duration.Unit.Should().Be("s");
        duration.MeterVersion.Should().Be(PackageVersion.Value);
        var outcomes = Points(duration).Select(p => (Tag(p, "invitations.operation"), Tag(p, "invitations.outcome"), Tag(p, "error.type"))).ToList();
        outcomes.Should().Contain(("invite", "success", null)).And.Contain(("accept", "failure", InvitationErrorCodes.InvalidToken));

        metrics.Last(m => m.Name == "invitations.delivery.latency").Unit.Should().Be("s");
        var calls = metrics.Last(m => m.Name == "invitations.delivery.duration");
        calls.Unit.Should().Be("s");
        Points(calls).Select(p => (Tag(p, "invitations.delivery.kind"), Tag(p, "invitations.channel"), Tag(p, "invitations.outcome")))
            .Should().Contain(("message", "email", "success")).And.Contain(("fact", null, "success"));
        var backlog = metrics.Last(m => m.Name == "invitations.outbox.backlog");
        backlog.Unit.Should().Be("{item}");
        stats.DueOutboxItems.Should().Be(2, "the invite's fact and message wait for the background dispatcher");
        Points(backlog).Select(p => p.GetGaugeLastValueLong()).Should().Contain(2);
        metrics.Last(m => m.Name == "invitations.outbox.oldest_due.age").Unit.Should().Be("s");
        var pending = metrics.Last(m => m.Name == "invitations.pending");
        pending.Unit.Should().Be("{invitation}");
        Points(pending).Select(p => p.GetGaugeLastValueLong()).Should().Contain(1);
        invited.Invitation.State.Should().Be(InvitationState.Initiated);
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}

/// <summary>The tests that listen to the library's telemetry by name: run after the parallel ones, one at a time.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;
