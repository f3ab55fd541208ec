namespace Invitations.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// What the children's logs and the database must agree on after a crash chain: the ledger of calls that returned
/// (links, accepts, written after the call) against the rows, and the sender's and sink's fsynced logs against the outbox.
/// </summary>
internal static class ProcessChecks
{
    /// <summary>Asserts that nothing was lost and duplicates repeat ids; returns the counts seen.</summary>
    public static async Task<string> NothingLostAsync(ProcessDatabase shared)
    {
        var db = await shared.ReadAsync();
        var intents = shared.Lines("links").Where(l => l[0] == "intent").Select(l => l[1]).ToHashSet(StringComparer.Ordinal);
        var invited = shared.Lines("links").Where(l => l[0] == "invited").ToDictionary(l => l[1], l => l[2], StringComparer.Ordinal);
        var byId = db.Invitations.ToDictionary(i => i.Id, StringComparer.Ordinal);

        // Invitations: every call that returned left its invitation; a call cut by a kill left one or none; none twice.
        Assert.All(invited.Keys, id => Assert.True(byId.ContainsKey(id), $"invitation {id} was created and is gone"));
        Assert.All(db.Invitations, i => Assert.Contains(i.Email, intents));
        Assert.All(db.Invitations.GroupBy(i => i.Email), g => Assert.Single(g));

        // Accepts: every invitation meant to be accepted whose link was handed out is accepted, once.
        var acceptable = invited.Where(p => p.Value.StartsWith("acc.", StringComparison.Ordinal)).Select(p => p.Key).ToList();
        Assert.All(acceptable, id => Assert.Equal(InvitationState.Accepted, byId[id].State));
        var factsOf = db.Facts.ToLookup(f => f.ObjectId.ToString());
        Assert.All(db.Invitations, i => Assert.Equal(i.State == InvitationState.Accepted ? 1 : 0, factsOf[i.Id].Count(f => f.Type == FactTypes.InviteAccepted)));

        // Facts: each in the database once per step (distinct sequences), each delivered, none delivered that is not stored;
        // a message that failed for good has exactly one INVITE_DELIVERY_FAILED, however often its failure was retried.
        Assert.All(db.Invitations, i => Assert.Equal(factsOf[i.Id].Count(), factsOf[i.Id].Select(f => f.Sequence).Distinct().Count()));
        Assert.All(db.Invitations, i => Assert.Equal(i.Email.StartsWith("doomed.", StringComparison.Ordinal) ? 1 : 0, factsOf[i.Id].Count(f => f.Type == FactTypes.InviteDeliveryFailed)));
        var delivered = shared.Lines("facts").Select(l => l[1]).ToList();
        var stored = db.Facts.Select(f => f.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        Assert.All(stored, id => Assert.Contains(id, delivered));
        Assert.All(delivered, id => Assert.Contains(id, stored));

        // Messages: nothing left pending; each message sent (or failed for good), a resend of one always under its own id.
        var sent = shared.Lines("messages").ToList();
        Assert.DoesNotContain(db.Outbox, o => o.Status == OutboxItemStatus.Pending);
        foreach (var invitation in db.Invitations)
        {
            var message = Assert.Single(db.Outbox, o => o.InvitationId == invitation.Id && o.Kind == OutboxItemKind.Message);
            var sends = sent.Where(l => l[2] == invitation.Id).Select(l => l[1]).ToList();
            if (invitation.Email.StartsWith("doomed.", StringComparison.Ordinal))
            {
                Assert.Equal(OutboxItemStatus.Failed, message.Status);
                Assert.Empty(sends);
            }
            else
            {
                Assert.Equal(OutboxItemStatus.Delivered, message.Status);
                Assert.NotEmpty(sends);
                Assert.All(sends, id => Assert.Equal(message.Id, id));
            }
        }

        return $"{db.Invitations.Count} invitations ({db.Invitations.Count - invited.Count} from calls cut by a kill), "
            + $"{acceptable.Count} accepted, {db.Facts.Count} facts ({delivered.Count - delivered.Distinct().Count()} delivered again, same id), "
            + $"{sent.Count} sends of {sent.Select(l => l[1]).Distinct().Count()} messages ({sent.Count - sent.Select(l => l[1]).Distinct().Count()} sent again, same id), "
            + $"{db.Outbox.Count(o => o.Status == OutboxItemStatus.Failed)} failed for good; 0 lost";
    }
}
