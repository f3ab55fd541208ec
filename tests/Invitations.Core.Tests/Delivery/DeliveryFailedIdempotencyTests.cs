using System.Reflection;
using Invitations.Delivery;
using Invitations.InMemory;
using Invitations.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Invitations.Core.Tests.Delivery;

/// <summary>Issue 13: a crash between recording INVITE_DELIVERY_FAILED and marking the message failed added a second fact with a new id.</summary>
public sealed class DeliveryFailedIdempotencyTests
{
    [Fact]
    public async Task Crash_after_recording_delivery_failed_does_not_record_it_again()
    {
        var sender = new FaultySender { Mode = FaultMode.Permanent };
        var sink = new FaultySink();
        var store = DispatchProxy.Create<IInvitationStore, CrashOnFirstFail>();
        ((CrashOnFirstFail)(object)store).Inner = new InMemoryInvitationStore();
        using var host = new TestHost(adapters: b =>
        {
            b.AddMessageSender(sender).AddWebhookSink(sink);
            b.Services.Replace(ServiceDescriptor.Singleton(store));
        });

        var invited = await host.InviteAsync();

        // The process "died" before the item was marked failed: its lease runs out and another round delivers it again.
        host.Clock.Advance(Duration.FromHours(1));
        var dispatcher = (OutboxDispatcher)host.Services.GetService(typeof(OutboxDispatcher))!;
        for (var round = 0; round < 20 && await dispatcher.DispatchAsync(null, default) > 0; round++)
        {
        }

        sender.Attempts.Should().HaveCount(2, "the message was delivered again after the crash (at least once)");
        var failures = (await host.Manager.ListFactsAsync(invited.Invitation.Id, TestHost.Admin)).Value.Where(f => f.Type == FactTypes.InviteDeliveryFailed).ToList();
        failures.Should().ContainSingle("one failed message is one INVITE_DELIVERY_FAILED");
        sink.Delivered.Where(f => f.Type == FactTypes.InviteDeliveryFailed).Select(f => f.Id).Distinct().Should().ContainSingle();
    }

    /// <summary>The store, except that the first <c>FailOutboxAsync</c> throws as if the process were killed there.</summary>
    public class CrashOnFirstFail : DispatchProxy
    {
        private int _crashed;

        public IInvitationStore Inner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IInvitationStore.FailOutboxAsync) && Interlocked.Exchange(ref _crashed, 1) == 0)
            {
                throw new IOException("killed between recording the failure and failing the item");
            }

            try
            {
                return targetMethod.Invoke(Inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}
