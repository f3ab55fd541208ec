using System.Collections.Concurrent;

namespace Invitations.Core.Tests.Support;

/// <summary>How a fake sender or sink answers the next delivery attempt.</summary>
public enum FaultMode
{
    /// <summary>Deliver normally.</summary>
    Healthy = 0,

    /// <summary>Throw an exception (the dispatcher must treat it as transient).</summary>
    Throw = 1,

    /// <summary>Return <see cref="DeliveryResult.Transient"/>.</summary>
    Transient = 2,

    /// <summary>Return <see cref="DeliveryResult.Permanent"/>.</summary>
    Permanent = 3,
}

/// <summary>A message sender whose behaviour a test switches at will; records every attempt and every success.</summary>
public sealed class FaultySender : IMessageSender
{
    public const string PermanentDetail = "550 5.1.1 mailbox unavailable";
    public const string TransientDetail = "421 4.7.0 try again later";

    private readonly ConcurrentQueue<OutgoingMessage> _attempts = new();
    private readonly ConcurrentQueue<OutgoingMessage> _delivered = new();

    public FaultMode Mode { get; set; }

    /// <summary>Every call to <see cref="SendAsync"/>, whatever its outcome.</summary>
    public IReadOnlyCollection<OutgoingMessage> Attempts => _attempts;

    /// <summary>Messages that were delivered (the call returned Delivered).</summary>
    public IReadOnlyCollection<OutgoingMessage> Delivered => _delivered;

    public bool CanSend(MessageChannel channel) => true;

    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(message);
        switch (Mode)
        {
            case FaultMode.Throw:
                throw new IOException("smtp connection reset");
            case FaultMode.Transient:
                return new(DeliveryResult.Transient(TransientDetail));
            case FaultMode.Permanent:
                return new(DeliveryResult.Permanent(PermanentDetail));
            default:
                _delivered.Enqueue(message);
                return new(DeliveryResult.Delivered());
        }
    }
}

/// <summary>
/// A webhook sink that can fail in several ways: a global <see cref="Mode"/>, or a per-fact number of
/// failed attempts chosen by <see cref="FailuresFor"/> (deterministic per fact id). Records every
/// delivered fact in delivery order.
/// </summary>
public sealed class FaultySink : IWebhookSink
{
    private static int s_instances;
    private readonly ConcurrentQueue<InvitationFact> _delivered = new();
    private readonly ConcurrentDictionary<FactId, int> _attemptsByFact = new();
    private int _attempts;

    public FaultMode Mode { get; set; }

    /// <summary>The sink's lane name: unique per instance unless a test sets it (two sinks may then share a host).</summary>
    public string Name { get; init; } = $"{nameof(FaultySink)}#{Interlocked.Increment(ref s_instances)}";

    /// <summary>How many attempts of a fact fail before it is accepted (applies when <see cref="Mode"/> is healthy).</summary>
    public Func<InvitationFact, int>? FailuresFor { get; set; }

    public IReadOnlyCollection<InvitationFact> Delivered => _delivered;

    public int Attempts => Volatile.Read(ref _attempts);

    public int AttemptsFor(FactId id) => _attemptsByFact.GetValueOrDefault(id);

    public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        var attempt = _attemptsByFact.AddOrUpdate(fact.Id, 1, (_, n) => n + 1);
        switch (Mode)
        {
            case FaultMode.Throw:
                throw new HttpRequestException("503 Service Unavailable");
            case FaultMode.Transient:
                return new(DeliveryResult.Transient("503 Service Unavailable"));
            case FaultMode.Permanent:
                return new(DeliveryResult.Permanent("410 Gone"));
        }

        if (FailuresFor is { } failures && attempt <= failures(fact))
        {
            throw new HttpRequestException("connection reset by peer");
        }

        _delivered.Enqueue(fact);
        return new(DeliveryResult.Delivered());
    }
}

/// <summary>A sender whose failures quote the message, as HTTP SMS/mail APIs often do in their exception text.</summary>
public sealed class EchoingFailingSender : IMessageSender
{
    public bool CanSend(MessageChannel channel) => true;

    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        throw new HttpRequestException($"400 Bad Request: provider rejected body '{message.TextBody}'");
}
