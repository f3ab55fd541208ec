using Invitations.Delivery;
using Invitations.Domain;
using Invitations.Inviting;
using Invitations.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Reminders;

/// <summary>
/// Sends the reminders that are due (<see cref="ReminderSchedule"/>), run by the background maintenance on every
/// instance. Exactly once per reminder however many sweepers race: each reminder is a versioned update (the version
/// read with the work list, and the reminder count it carries), so of two sweepers that read the same invitation one
/// saves and the other's write is refused and skipped. The message goes through the outbox with an
/// <c>INVITE_REMINDED</c> fact in the same atomic write.
/// </summary>
internal sealed class ReminderSweep(
    InvitePipeline pipeline, IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, OutboxDispatcher dispatcher,
    ILogger<ReminderSweep> logger)
{
    private readonly InvitationsOptions _options = options.Value;
    private readonly FactFactory _facts = new(options.Value.Links.FactUrlTemplate);

    public async Task<ReminderSweepResult> RemindDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = _options.Reminders;
        if (!settings.Enabled || settings.MaxCount == 0 || settings.Schedule.Count == 0)
        {
            return new ReminderSweepResult();
        }

        var now = clock.GetCurrentInstant();
        var schedule = settings.Schedule.ToArray();
        var query = new ExpiringPendingQuery { From = now, To = now + Duration.FromTimeSpan(schedule.Max()), Limit = _options.Maintenance.BatchSize };
        var reminded = 0;
        while (true)
        {
            var page = await store.FindExpiringPendingAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var current in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReminderSchedule.IsDue(current, now, schedule, settings.MaxCount) && await TryRemindAsync(current, now, settings.TemplateKey, cancellationToken).ConfigureAwait(false))
                {
                    reminded++;
                }
            }

            if (page.Count < query.Limit)
            {
                return new ReminderSweepResult { Reminded = reminded };
            }

            query = query with { From = page[^1].ExpiresAt, AfterId = page[^1].Id };
        }
    }

    /// <summary>One invitation's reminder; a fault (a store or shortener error) skips it and is logged, so one invitation never stops the sweep.</summary>
    private async Task<bool> TryRemindAsync(InvitationData current, Instant now, string templateKey, CancellationToken cancellationToken)
    {
        try
        {
            return await RemindAsync(current, now, templateKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ReminderLog.Faulted(logger, current.Id, ex);
            return false;
        }
    }

    private async Task<bool> RemindAsync(InvitationData current, Instant now, string templateKey, CancellationToken cancellationToken)
    {
        var (token, hash) = InvitationToken.Create();
        var t = Reminding.Remind(current, now, hash, ReminderSchedule.PassedMoments(current, now, _options.Reminders.Schedule), _facts);
        if (!t.Succeeded)
        {
            return false;
        }

        var next = t.Data;
        var link = await pipeline.MessageLinkAsync(next, pipeline.Link(next, token), cancellationToken).ConfigureAwait(false);
        var itemId = OutboxItems.NewId(now);

        // The reminder's own template renders the invitation's data; the stored template key stays the invitation's.
        if (!pipeline.TryCompose(next with { TemplateKey = templateKey }, link, itemId, out var message, out var error))
        {
            ReminderLog.NotComposed(logger, current.Id, error.Code);
            return false;
        }

        var items = OutboxItems.Of(t.Draft, OutboxItems.ForMessage(itemId, message, next.SendCount, now), now);
        var write = await dispatcher.UpdateAsync(next, current.Version, items, cancellationToken).ConfigureAwait(false);
        if (write.Status != StoreWriteStatus.Saved)
        {
            return false;
        }

        ReminderLog.Reminded(logger, next.Id, next.ReminderCount);
        await dispatcher.DispatchSavedAsync(write, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
