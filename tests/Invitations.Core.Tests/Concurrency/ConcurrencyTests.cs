using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Concurrency;

public sealed class ConcurrencyTests
{
    /// <summary>Runs every action on its own OS thread, all released at once by a barrier (the thread pool would start them one by one).</summary>
    private static Task<T[]> RaceAsync<T>(params Func<Task<T>>[] actions) => Task.Run(() => Race(actions));

    private static T[] Race<T>(Func<Task<T>>[] actions)
    {
        var results = new T[actions.Length];
        var errors = new Exception?[actions.Length];
        using var barrier = new Barrier(actions.Length);
        var threads = actions.Select((action, i) => new Thread(() =>
        {
            barrier.SignalAndWait();
            try
            {
                results[i] = action().GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                errors[i] = ex;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var thrown = errors.OfType<Exception>().ToList();
        return thrown.Count == 0 ? results : throw new AggregateException("an operation threw instead of returning a typed error", thrown);
    }

    [Fact]
    public async Task Sixty_four_parallel_accepts_of_one_token_succeed_exactly_once()
    {
        for (var round = 0; round < 5; round++)
        {
            using var host = new TestHost();
            var invited = await host.InviteAsync();
            var token = TestHost.TokenOf(invited.Link!);

            var results = await RaceAsync(Enumerable.Range(0, 64)
                .Select(i => (Func<Task<InvitationResult<AcceptResult>>>)(() => host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + i))))
                .ToArray());

            results.Count(r => r.IsSuccess).Should().Be(1);
            results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Should().HaveCount(63)
                .And.OnlyContain(c => c == InvitationErrorCodes.InvitationAlreadyAccepted || c == InvitationErrorCodes.ConcurrencyConflict);
            var facts = await host.Manager.ListFactsAsync(invited.Invitation.Id);
            facts.Count(f => f.Type == FactTypes.InviteAccepted).Should().Be(1);
            host.Sink.Facts.Count(f => f.Type == FactTypes.InviteAccepted).Should().Be(1);
            var winner = results.Single(r => r.IsSuccess).Value.Invitation.AcceptedSubjectId;
            facts.Single(f => f.Type == FactTypes.InviteAccepted).Attributes["sub"].Should().Be(winner);
            (await host.Manager.GetAsync(invited.Invitation.Id)).Value.Version.Should().Be(2);
        }
    }

    [Fact]
    public async Task Thousand_invitations_accepted_from_eight_threads_deliver_a_thousand_accepted_facts()
    {
        using var host = new TestHost();
        var tokens = new List<(InvitationId Id, string Token)>();
        for (var i = 0; i < 1000; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"bulk{i}@example.com"));
            tokens.Add((invited.Invitation.Id, TestHost.TokenOf(invited.Link!)));
        }

        var failures = 0;
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, ct) =>
        {
            var accepted = await host.Redemption.AcceptAsync(t.Token, new AcceptRequest("sub-" + t.Id), ct);
            if (!accepted.IsSuccess)
            {
                Interlocked.Increment(ref failures);
            }
        });

        failures.Should().Be(0);
        var acceptedFacts = host.Sink.Facts.Where(f => f.Type == FactTypes.InviteAccepted).ToList();
        acceptedFacts.Should().HaveCount(1000);
        acceptedFacts.Select(f => f.ObjectId).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(tokens.Select(t => t.Id));
        acceptedFacts.Should().OnlyContain(f => f.Sequence == 2);
        host.MemoryStore.PendingOutboxCount.Should().Be(0);
    }

    [Fact]
    public async Task Revoke_racing_accept_ends_in_exactly_one_of_accepted_or_revoked()
    {
        using var host = new TestHost();
        var outcomes = new Dictionary<InvitationState, int>();
        for (var i = 0; i < 200; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"race{i}@example.com"));
            var id = invited.Invitation.Id;
            var token = TestHost.TokenOf(invited.Link!);

            var results = await RaceAsync<InvitationError?>(
                async () => (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + i))).Error,
                async () => (await host.Manager.RevokeAsync(id, TestHost.Admin)).Error);
            var (accept, revoke) = (results[0], results[1]);

            var final = (await host.Manager.GetAsync(id)).Value.State;
            outcomes[final] = outcomes.GetValueOrDefault(final) + 1;
            var facts = (await host.Manager.ListFactsAsync(id)).Select(f => f.Type).ToList();
            if (final == InvitationState.Accepted)
            {
                accept.Should().BeNull();
                revoke!.Code.Should().BeOneOf(InvitationErrorCodes.InvalidStateTransition, InvitationErrorCodes.ConcurrencyConflict);
                facts.Should().Equal(FactTypes.InviteUser, FactTypes.InviteAccepted);
            }
            else
            {
                final.Should().Be(InvitationState.Revoked);
                revoke.Should().BeNull();
                accept!.Code.Should().BeOneOf(InvitationErrorCodes.InvalidToken, InvitationErrorCodes.ConcurrencyConflict);
                facts.Should().Equal(FactTypes.InviteUser, FactTypes.InviteRevoked);
            }
        }

        outcomes.Values.Sum().Should().Be(200);
        host.Sink.Facts.Count(f => f.Type is FactTypes.InviteAccepted or FactTypes.InviteRevoked).Should().Be(200);
    }

    [Fact]
    public async Task Resend_racing_accept_with_the_old_token_never_accepts_a_rotated_out_token()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"rot{i}@example.com"));
            var id = invited.Invitation.Id;
            var oldToken = TestHost.TokenOf(invited.Link!);

            var results = await RaceAsync<InvitationError?>(
                async () => (await host.Redemption.AcceptAsync(oldToken, new AcceptRequest("sub-" + i))).Error,
                async () => (await host.Manager.ResendAsync(id, TestHost.Admin)).Error);
            var (accept, resend) = (results[0], results[1]);

            var final = (await host.Manager.GetAsync(id)).Value.State;
            var facts = await host.Manager.ListFactsAsync(id);
            var acceptedFact = facts.SingleOrDefault(f => f.Type == FactTypes.InviteAccepted);
            var resendFact = facts.SingleOrDefault(f => f.Attributes.ContainsKey("resent"));
            if (accept is null)
            {
                acceptedFact.Should().NotBeNull();
                final.Should().Be(InvitationState.Accepted);
                if (resend is null)
                {
                    acceptedFact!.Sequence.Should().BeLessThan(resendFact!.Sequence, "an accept may only win before the rotation");
                }

                resend.Should().NotBeNull("an accepted invitation cannot be resent");
            }
            else
            {
                accept.Code.Should().BeOneOf(InvitationErrorCodes.InvalidToken, InvitationErrorCodes.ConcurrencyConflict);
                acceptedFact.Should().BeNull();
                resend.Should().BeNull("the resend is the only other writer");
                final.Should().Be(InvitationState.Reinitiated);
            }

            facts.Select(f => f.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
    }

    [Fact]
    public async Task Sixteen_parallel_invites_of_one_recipient_create_exactly_one_pending_invitation()
    {
        for (var round = 0; round < 10; round++)
        {
            using var host = new TestHost();

            var results = await RaceAsync(Enumerable.Range(0, 16)
                .Select(_ => (Func<Task<InvitationResult<InviteResult>>>)(() => host.Manager.InviteAsync(TestHost.Request("same@example.com"))))
                .ToArray());

            results.Count(r => r.IsSuccess && r.Value.Status == InviteStatus.Created).Should().Be(1);
            results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code)
                .Should().OnlyContain(c => c == InvitationErrorCodes.ResendCooldown || c == InvitationErrorCodes.ConcurrencyConflict);
            host.MemoryStore.Count.Should().Be(1);
            var id = results.First(r => r.IsSuccess).Value.Invitation.Id;
            (await host.Manager.ListFactsAsync(id)).Select(f => f.Sequence).Should().Equal(Enumerable.Range(1, results.Count(r => r.IsSuccess)).Select(i => (long)i));
        }
    }

    [Fact]
    public async Task Two_revokes_with_the_same_expected_version_succeed_exactly_once()
    {
        using var host = new TestHost();
        for (var i = 0; i < 100; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"stale{i}@example.com"));
            var id = invited.Invitation.Id;
            var version = invited.Invitation.Version;

            var results = await RaceAsync(
                () => host.Manager.RevokeAsync(id, TestHost.Admin, version),
                () => host.Manager.RevokeAsync(id, InvitationActor.Admin("admin-2"), version));

            results.Count(r => r.IsSuccess).Should().Be(1);
            results.Single(r => !r.IsSuccess).Error!.Code.Should().Be(InvitationErrorCodes.ConcurrencyConflict);
            (await host.Manager.ListFactsAsync(id)).Count(f => f.Type == FactTypes.InviteRevoked).Should().Be(1);
        }
    }

    [Fact]
    public async Task Two_resends_with_the_same_expected_version_succeed_exactly_once()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        for (var i = 0; i < 100; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"stale{i}@example.com"));
            var id = invited.Invitation.Id;
            var version = invited.Invitation.Version;

            var results = await RaceAsync(
                () => host.Manager.ResendAsync(id, TestHost.Admin, version),
                () => host.Manager.ResendAsync(id, TestHost.Admin, version));

            results.Count(r => r.IsSuccess).Should().Be(1);
            results.Single(r => !r.IsSuccess).Error!.Code.Should().Be(InvitationErrorCodes.ConcurrencyConflict);
            var winnerToken = TestHost.TokenOf(results.Single(r => r.IsSuccess).Value.Link!);
            (await host.Redemption.PreviewAsync(winnerToken)).IsSuccess.Should().BeTrue("the stored token is the winner's");
            var stored = await host.Store.FindAsync(id, default);
            stored!.Version.Should().Be(version + 1);
            stored.ResendCount.Should().Be(1);
            (await host.Manager.ListFactsAsync(id)).Should().HaveCount(2);
        }
    }

    [Fact]
    public async Task Stale_expected_version_is_refused_and_writes_nothing()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await host.InviteAsync();
        var id = invited.Invitation.Id;
        (await host.Manager.ResendAsync(id, TestHost.Admin, expectedVersion: 1)).IsSuccess.Should().BeTrue();
        var before = await host.Store.FindAsync(id, default);

        var revoke = await host.Manager.RevokeAsync(id, TestHost.Admin, expectedVersion: 1);
        var resend = await host.Manager.ResendAsync(id, TestHost.Admin, expectedVersion: 1);

        revoke.Error!.Code.Should().Be(InvitationErrorCodes.ConcurrencyConflict);
        resend.Error!.Code.Should().Be(InvitationErrorCodes.ConcurrencyConflict);
        (await host.Store.FindAsync(id, default)).Should().BeSameAs(before);
        (await host.Manager.RevokeAsync(id, TestHost.Admin, expectedVersion: 2)).IsSuccess.Should().BeTrue();
    }
}
