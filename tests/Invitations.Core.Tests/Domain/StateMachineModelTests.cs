using System.Collections.Concurrent;
using CsCheck;
using Invitations.Domain;
using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Domain;

/// <summary>
/// Model-based property test (SECURITY test plan B) over the real service on in-memory defaults:
/// random sequences of up to 50 operations, a hand-written model predicts every outcome, and the
/// invariants are checked after every step.
/// </summary>
public sealed class StateMachineModelTests
{
    /// <summary>CI default 1,000 sequences; nightly runs raise it with INVITATIONS_PBT_ITER.</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("INVITATIONS_PBT_ITER"), out var n) && n > 0 ? n : 1_000;

    private static readonly long TenDays = Duration.FromDays(10).BclCompatibleTicks;
    private static readonly long OneHour = Duration.FromHours(1).BclCompatibleTicks;

    private static readonly Gen<Op> GenOp =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 1000], Gen.OneOf(Gen.Long[1, OneHour], Gen.Long[1, TenDays]), (k, i, t) => new Op((OpKind)k, i, t));

    private static readonly Gen<Op[]> GenOps = GenOp.Array[1, 50];

    /// <summary>
    /// Building a host costs ~8 ms, so a sequence rents one that earlier sequences used (never two at
    /// once). A sequence only looks at its own invitations (unique addresses) and only at instants read
    /// from the clock, so what earlier sequences left behind cannot affect it.
    /// </summary>
    private static readonly ConcurrentBag<PooledHost> Pool = [];
    private static int _recipients;

    [Fact]
    public async Task Random_operation_sequences_keep_every_invariant_of_the_state_machine()
    {
        await GenOps.SampleAsync(RunAsync, iter: Iterations);
    }

    [Fact]
    public async Task Model_detects_a_broken_invariant()
    {
        // Guards the property itself: a sequence whose model is deliberately wrong must be reported.
        var ops = new[] { new Op(OpKind.Invite, 0, 0), new Op(OpKind.Accept, 0, 0) };
        var act = () => RunAsync(ops, corruptModel: true);
        await act.Should().ThrowAsync<Exception>();
    }

    private static Task RunAsync(Op[] ops) => RunAsync(ops, corruptModel: false);

    private static async Task RunAsync(Op[] ops, bool corruptModel)
    {
        var pooled = Pool.TryTake(out var p) && p.Uses < 50 ? p : new PooledHost();
        await RunOnAsync(pooled.Host, ops, corruptModel);
        pooled.Uses++;
        Pool.Add(pooled);
    }

    private static async Task RunOnAsync(TestHost host, Op[] ops, bool corruptModel)
    {
        var model = new List<ModelInvitation>();
        var step = 0;
        foreach (var op in ops)
        {
            step++;
            var now = host.Clock.GetCurrentInstant();
            if (op.Kind == OpKind.Advance || (op.Kind == OpKind.AdvanceToExpiry && model.Count > 0))
            {
                if (op.Kind == OpKind.Advance)
                {
                    host.Clock.AdvanceTicks(op.Ticks);
                }
                else
                {
                    // Land on the boundary of one invitation's expiry: one tick before, at, or one tick after.
                    var target = model[op.Index % model.Count].ExpiresAt + Duration.FromTicks((op.Ticks % 3) - 1);
                    if (target > now)
                    {
                        host.Clock.Reset(target);
                    }
                }

                await CheckAllAsync(host, model, $"step {step} {op}");
                continue;
            }

            if (op.Kind == OpKind.Invite || model.Count == 0)
            {
                var invited = await host.Manager.InviteAsync(TestHost.Request($"user{Interlocked.Increment(ref _recipients)}@example.com"));
                Check(invited.IsSuccess, $"step {step}: invite failed {invited.Error}");
                model.Add(new ModelInvitation(invited.Value.Invitation.Id, TestHost.TokenOf(invited.Value.Link!), now + Duration.FromDays(7)));
                await CheckAllAsync(host, model, $"step {step} {op}");
                continue;
            }

            var m = model[op.Index % model.Count];
            var effective = m.Effective(now);
            var storedBefore = m.Stored;
            InvitationCommand? command = null;
            string? code = null;
            string? newToken = null;
            switch (op.Kind)
            {
                case OpKind.Resend:
                    command = InvitationCommand.Resend;
                    var resent = await host.Manager.ResendAsync(m.Id, TestHost.Admin);
                    code = resent.Error?.Code;
                    newToken = resent.IsSuccess ? TestHost.TokenOf(resent.Value.Link!) : null;
                    break;
                case OpKind.Accept:
                    command = InvitationCommand.Accept;
                    code = (await host.Redemption.AcceptAsync(m.Token, new AcceptRequest("sub-" + step))).Error?.Code;
                    break;
                case OpKind.AcceptOldToken:
                    var old = m.OldTokens.Count > 0 ? m.OldTokens[op.Index % m.OldTokens.Count] : Invitations.Tokens.InvitationToken.Create().Token;
                    code = (await host.Redemption.AcceptAsync(old, new AcceptRequest("sub-" + step))).Error?.Code;
                    Check(code == InvitationErrorCodes.InvalidToken, $"step {step}: a rotated-out token gave {code ?? "success"}");
                    break;
                case OpKind.Reject:
                    command = InvitationCommand.Reject;
                    code = (await host.Redemption.RejectAsync(m.Token)).Error?.Code;
                    break;
                case OpKind.Revoke:
                    command = InvitationCommand.Revoke;
                    code = (await host.Manager.RevokeAsync(m.Id, TestHost.Admin)).Error?.Code;
                    break;
            }

            if (command is { } c)
            {
                var (target, error) = ExpectedTransitions.Expect(effective, c);
                if (corruptModel)
                {
                    (target, error) = (null, "corrupted");
                }

                Check(code == error, $"step {step} {op}: {c} from {effective} expected {target?.ToString() ?? error}, got {code ?? "success"}");
                if (target is { } next)
                {
                    m.Stored = next;
                    m.Version++;
                    m.FactTypes.Add(ExpectedTransitions.FactTypeOf(c));
                    if (c == InvitationCommand.Resend)
                    {
                        m.OldTokens.Add(m.Token);
                        m.Token = newToken!;
                        m.ExpiresAt = now + Duration.FromDays(7);
                    }

                    Check(!ExpectedTransitions.IsTerminal(storedBefore), $"step {step}: terminal {storedBefore} changed to {next}");
                }
            }

            await CheckAllAsync(host, model, $"step {step} {op}", touched: m);
        }

        // The sink saw what the store recorded: at most one INVITE_ACCEPTED per invitation.
        foreach (var m in model)
        {
            var delivered = host.Sink.Facts.Where(f => f.ObjectId == m.Id).ToList();
            Check(delivered.Count(f => f.Type == FactTypes.InviteAccepted) == (m.Stored == InvitationState.Accepted ? 1 : 0), "sink accepted facts disagree with the final state");
            Check(delivered.Select(f => f.Sequence).SequenceEqual(Enumerable.Range(1, m.FactTypes.Count).Select(i => (long)i)), "sink got facts out of order or not all");
        }
    }

    /// <summary>Checks store and facts of every invitation; token validity of <paramref name="touched"/> only, or of all when time moved or one was created.</summary>
    private static async Task CheckAllAsync(TestHost host, List<ModelInvitation> model, string where, ModelInvitation? touched = null)
    {
        var now = host.Clock.GetCurrentInstant();
        foreach (var m in model)
        {
            var stored = await host.Store.FindAsync(m.Id, default);
            Check(stored is not null, $"{where}: invitation {m.Id} vanished");
            Check(stored!.State == m.Stored, $"{where}: stored state {stored.State}, model {m.Stored}");
            Check(stored.Version == m.Version, $"{where}: version {stored.Version}, model {m.Version}");
            Check(stored.ExpiresAt == m.ExpiresAt, $"{where}: expiry {stored.ExpiresAt}, model {m.ExpiresAt}");
            Check(stored.FactSequence == m.FactTypes.Count, $"{where}: fact sequence {stored.FactSequence}, model {m.FactTypes.Count}");

            var facts = await host.Manager.ListFactsAsync(m.Id);
            Check(facts.Select(f => f.Type).SequenceEqual(m.FactTypes), $"{where}: facts [{string.Join(",", facts.Select(f => f.Type))}], model [{string.Join(",", m.FactTypes)}]");
            Check(facts.Select(f => f.Sequence).SequenceEqual(Enumerable.Range(1, facts.Count).Select(i => (long)i)), $"{where}: fact sequences are not 1..n");
            Check(facts.Count(f => f.Type == FactTypes.InviteAccepted) <= 1, $"{where}: more than one INVITE_ACCEPTED");
            Check(facts.Select(f => f.Id).Distinct().Count() == facts.Count, $"{where}: duplicate fact ids");

            if (touched is not null && !ReferenceEquals(touched, m))
            {
                continue;
            }

            // A token works iff the invitation is pending, not expired, and it is the latest token.
            var effective = m.Effective(now);
            var preview = await host.Redemption.PreviewAsync(m.Token);
            Check(preview.IsSuccess == ExpectedTransitions.IsPending(effective), $"{where}: preview of the current token in {effective} gave {preview.Error?.Code ?? "success"}");
            if (!preview.IsSuccess)
            {
                var expected = ExpectedTransitions.Expect(effective, InvitationCommand.Accept).Error;
                Check(preview.Error!.Code == expected, $"{where}: preview in {effective} gave {preview.Error.Code}, expected {expected}");
            }

            if (m.OldTokens.Count > 0)
            {
                var oldPreview = await host.Redemption.PreviewAsync(m.OldTokens[^1]);
                Check(oldPreview.Error?.Code == InvitationErrorCodes.InvalidToken, $"{where}: a superseded token previewed as {oldPreview.Error?.Code ?? "success"}");
            }
        }
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    internal enum OpKind
    {
        Invite = 0,
        Resend = 1,
        Accept = 2,
        AcceptOldToken = 3,
        Reject = 4,
        Revoke = 5,
        Advance = 6,
        AdvanceToExpiry = 7,
    }

    internal readonly record struct Op(OpKind Kind, int Index, long Ticks)
    {
        public override string ToString() => Kind switch
        {
            OpKind.Advance => $"Advance({Duration.FromTicks(Ticks)})",
            OpKind.AdvanceToExpiry => $"AdvanceToExpiry({Index}, {(Ticks % 3) - 1} tick)",
            _ => $"{Kind}({Index})",
        };
    }

    private sealed class PooledHost
    {
        public TestHost Host { get; } = new(o =>
        {
            o.Limits.ResendCooldown = TimeSpan.Zero;
            o.Limits.MaxResends = 10_000;
        });

        public int Uses { get; set; }
    }

    private sealed class ModelInvitation(InvitationId id, string token, Instant expiresAt)
    {
        public InvitationId Id { get; } = id;

        public string Token { get; set; } = token;

        public List<string> OldTokens { get; } = [];

        public InvitationState Stored { get; set; } = InvitationState.Initiated;

        public Instant ExpiresAt { get; set; } = expiresAt;

        public long Version { get; set; } = 1;

        public List<string> FactTypes { get; } = [Invitations.FactTypes.InviteUser];

        public InvitationState Effective(Instant now) =>
            ExpectedTransitions.IsPending(Stored) && now >= ExpiresAt ? InvitationState.Expired : Stored;
    }
}
