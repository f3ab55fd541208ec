using System.Collections.Concurrent;

namespace Invitations.Testing;

/// <summary>Shared failure scripting for the recording fakes.</summary>
public abstract class RecordingFake
{
    private readonly object _gate = new();
    private int _transientFailures;
    private int _permanentFailures;
    private int _attempts;

    /// <summary>How many delivery attempts were made (successful or not).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Makes the next <paramref name="times"/> attempts fail transiently (they are retried).</summary>
    /// <param name="times">How many attempts fail.</param>
    public void FailTransiently(int times)
    {
        lock (_gate)
        {
            _transientFailures = times;
        }
    }

    /// <summary>Makes the next <paramref name="times"/> attempts fail permanently (after any transient failures).</summary>
    /// <param name="times">How many attempts fail.</param>
    public void FailPermanently(int times)
    {
        lock (_gate)
        {
            _permanentFailures = times;
        }
    }

    /// <summary>Counts an attempt and returns the scripted failure for it, or null to deliver.</summary>
    /// <returns>The failure, or null.</returns>
    protected DeliveryResult? NextFailure()
    {
        Interlocked.Increment(ref _attempts);
        lock (_gate)
        {
            if (_transientFailures > 0)
            {
                _transientFailures--;
                return DeliveryResult.Transient("scripted transient failure");
            }

            if (_permanentFailures > 0)
            {
                _permanentFailures--;
                return DeliveryResult.Permanent("scripted permanent failure");
            }
        }

        return null;
    }
}

/// <summary>An <see cref="IMessageSender"/> for host tests: records every message it delivers and can be told to fail.</summary>
public sealed class RecordingMessageSender : RecordingFake, IMessageSender
{
    private readonly ConcurrentQueue<OutgoingMessage> _sent = new();
    private readonly MessageChannel[] _channels;

    /// <summary>Creates a sender for the given channels (both when none are given).</summary>
    /// <param name="channels">The channels it accepts.</param>
    public RecordingMessageSender(params MessageChannel[] channels) =>
        _channels = channels is { Length: > 0 } ? channels : [MessageChannel.Email, MessageChannel.Sms];

    /// <summary>The messages delivered so far, in delivery order.</summary>
    public IReadOnlyList<OutgoingMessage> Sent => [.. _sent];

    /// <inheritdoc />
    public bool CanSend(MessageChannel channel) => Array.IndexOf(_channels, channel) >= 0;

    /// <inheritdoc />
    public ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (NextFailure() is { } failure)
        {
            return ValueTask.FromResult(failure);
        }

        _sent.Enqueue(message);
        return ValueTask.FromResult(DeliveryResult.Delivered());
    }
}

/// <summary>An <see cref="IWebhookSink"/> for host tests: records every fact it receives and can be told to fail.</summary>
public sealed class RecordingWebhookSink : RecordingFake, IWebhookSink
{
    private readonly ConcurrentQueue<InvitationFact> _facts = new();

    /// <summary>The facts delivered so far, in delivery order.</summary>
    public IReadOnlyList<InvitationFact> Facts => [.. _facts];

    /// <inheritdoc />
    public ValueTask<DeliveryResult> DeliverAsync(InvitationFact fact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fact);
        cancellationToken.ThrowIfCancellationRequested();
        if (NextFailure() is { } failure)
        {
            return ValueTask.FromResult(failure);
        }

        _facts.Enqueue(fact);
        return ValueTask.FromResult(DeliveryResult.Delivered());
    }
}
