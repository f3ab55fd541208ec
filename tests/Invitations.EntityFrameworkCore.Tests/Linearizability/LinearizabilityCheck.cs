using CsCheck;

namespace Invitations.Tests.Linearizability;

/// <summary>
/// CsCheck's <c>SampleParallel</c> over the services: a random sequential prefix, then two to five operations on
/// several threads at once against the real services, and the answers and final store state compared with every
/// order of those operations run on <see cref="InvitationModel"/>. One order must explain what the store did.
/// </summary>
internal static class LinearizabilityCheck
{
    /// <summary>The options every run uses: no resend cooldown or cap, so a resend is decided by the state alone (as the model decides it).</summary>
    public static void Configure(InvitationsOptions options)
    {
        options.Limits.ResendCooldown = TimeSpan.Zero;
        options.Limits.MaxResends = 100_000;
    }

    /// <param name="newWorld">A fresh world on its own addresses (called for each sample and each replay of the model: it must be cheap).</param>
    /// <param name="iterations">Samples to run: a fixed count, so the run's length does not depend on the machine.</param>
    /// <param name="writeLine">Where CsCheck reports its totals.</param>
    public static void Run(Func<ServiceWorld> newWorld, long iterations, Action<string> writeLine)
    {
        var cell = Gen.Select(Gen.Int[0, ServiceWorld.Slots - 1], Gen.Bool, (slot, stale) => new OperationCell(slot, stale));
        Gen.Const(0).Select(_ => (newWorld(), new InvitationModel())).SampleParallel(
            [
                cell.Operation<ServiceWorld, InvitationModel>(c => "invite " + c, (w, c) => w.Invite(c), (m, c) => m.Invite(c)),
                cell.Operation<ServiceWorld, InvitationModel>(c => "resend " + c, (w, c) => w.Resend(c), (m, c) => m.Resend(c)),
                cell.Operation<ServiceWorld, InvitationModel>(c => "revoke " + c, (w, c) => w.Revoke(c), (m, c) => m.Revoke(c)),
                cell.Operation<ServiceWorld, InvitationModel>(c => "accept " + c, (w, c) => w.Accept(c), (m, c) => m.Accept(c)),
                cell.Operation<ServiceWorld, InvitationModel>(c => "reject " + c, (w, c) => w.Reject(c), (m, c) => m.Reject(c)),
                cell.Operation<ServiceWorld, InvitationModel>(c => "get " + c, (w, c) => w.Get(c), (m, c) => m.Get(c)),
            ],
            equal: (actual, model) => string.Equals(actual.Final, model.Describe(), StringComparison.Ordinal),
            maxSequentialOperations: 6,
            maxParallelOperations: 5,
            iter: iterations,
            threads: 4,
            printActual: w => w.Final,
            printModel: m => m.Describe(),
            writeLine: writeLine);
    }
}
