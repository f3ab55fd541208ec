namespace Invitations.Tests.Linearizability;

/// <summary>
/// What the services promise, as a pure, single-threaded state machine: per invitation its state, version (one per
/// successful change), send count (one link per send; only the newest is live) and ordered fact types; per operation
/// the answer it gets. Nothing here touches a store: it is the specification the parallel runs are checked against.
/// </summary>
internal sealed class InvitationModel
{
    private readonly Dictionary<InvitationId, Entry> _invitations = [];
    private readonly List<string> _outcomes = [];

    public void Invite(OperationCell cell)
    {
        if (cell.Conflicted)
        {
            Record($"invite {cell.Slot}: {InvitationErrorCodes.ConcurrencyConflict}");
            return;
        }

        // The default duplicate policy: a pending invitation of the same address is resent (new link), else a new one is created.
        var pending = _invitations.Values.FirstOrDefault(e => e.Slot == cell.Slot && e.IsPending);
        if (pending is not null)
        {
            Resend(pending);
            Record($"invite {cell.Slot}: Resent {pending.Describe()}");
            return;
        }

        if (cell.Target is not { } id || _invitations.ContainsKey(id))
        {
            Record($"invite {cell.Slot}: Created ?");
            return;
        }

        var created = new Entry(id, cell.Slot);
        _invitations[id] = created;
        Record($"invite {cell.Slot}: Created {created.Describe()}");
    }

    public void Resend(OperationCell cell) => Act("resend", cell, entry =>
    {
        if (!entry.IsPending)
        {
            return InvitationErrorCodes.InvalidStateTransition;
        }

        Resend(entry);
        return "Resent " + entry.Describe();
    });

    public void Revoke(OperationCell cell) => Act("revoke", cell, entry =>
    {
        if (!entry.IsPending)
        {
            return InvitationErrorCodes.InvalidStateTransition;
        }

        entry.Close(InvitationState.Revoked, FactTypes.InviteRevoked);
        return "Revoked " + entry.Describe();
    });

    public void Accept(OperationCell cell) => Act("accept", cell, entry =>
    {
        // A link works only while its invitation holds its digest: the newest link, until a revoke or reject clears it.
        if (!entry.HasToken || cell.Generation != entry.SendCount)
        {
            return InvitationErrorCodes.InvalidToken;
        }

        if (entry.State == InvitationState.Accepted)
        {
            return InvitationErrorCodes.InvitationAlreadyAccepted;
        }

        entry.Change(InvitationState.Accepted, FactTypes.InviteAccepted);
        return "Accepted " + entry.Describe();
    });

    public void Reject(OperationCell cell) => Act("reject", cell, entry =>
    {
        if (!entry.HasToken || cell.Generation != entry.SendCount)
        {
            return InvitationErrorCodes.InvalidToken;
        }

        if (entry.State == InvitationState.Accepted)
        {
            return InvitationErrorCodes.InvitationAlreadyAccepted;
        }

        entry.Close(InvitationState.Rejected, FactTypes.InviteRejected);
        return "Rejected " + entry.Describe();
    });

    public void Get(OperationCell cell) => Act("get", cell, entry => "Got " + entry.Describe());

    /// <summary>Every invitation with its facts, then every answer (sorted: the parallel answers arrive in any order).</summary>
    public string Describe() => ServiceWorld.Describe(
        _invitations.Values.Select(e => (e.Id, e.Describe() + " [" + string.Join(",", e.Facts) + "]")), _outcomes);

    private static void Resend(Entry entry)
    {
        entry.SendCount++;
        entry.Change(InvitationState.Reinitiated, FactTypes.InviteUser);
    }

    private void Act(string name, OperationCell cell, Func<Entry, string> apply)
    {
        if (cell.Target is not { } id)
        {
            Record($"{name} {cell.Slot}: none");
            return;
        }

        if (cell.Conflicted)
        {
            Record($"{name} {cell.Slot}: {InvitationErrorCodes.ConcurrencyConflict}");
            return;
        }

        Record(_invitations.TryGetValue(id, out var entry)
            ? $"{name} {cell.Slot}: {apply(entry)}"
            : $"{name} {cell.Slot}: {InvitationErrorCodes.InvitationNotFound}");
    }

    private void Record(string outcome) => _outcomes.Add(outcome);

    private sealed class Entry(InvitationId id, int slot)
    {
        public InvitationId Id { get; } = id;

        public int Slot { get; } = slot;

        public InvitationState State { get; private set; } = InvitationState.Initiated;

        public long Version { get; private set; } = 1;

        public int SendCount { get; set; } = 1;

        public bool HasToken { get; private set; } = true;

        public List<string> Facts { get; } = [FactTypes.InviteUser];

        public bool IsPending => State is InvitationState.Initiated or InvitationState.Reinitiated;

        public void Change(InvitationState state, string fact)
        {
            State = state;
            Version++;
            Facts.Add(fact);
        }

        public void Close(InvitationState state, string fact)
        {
            Change(state, fact);
            HasToken = false;
        }

        public string Describe() => ServiceWorld.Describe(Id, State, Version, SendCount);
    }
}
