using System.Collections.Concurrent;
using System.Security.Cryptography;
using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace Invitations.Testing;

/// <summary>
/// The conformance suite for <see cref="IInvitationStore"/> adapters. Derive one xunit test class, implement
/// <see cref="CreateStoreAsync"/>, and every <c>[Fact]</c> here runs against your store:
/// <code>
/// public sealed class MyStoreTests : InvitationStoreConformanceTests
/// {
///     protected override Task&lt;IInvitationStore&gt; CreateStoreAsync() =&gt; Task.FromResult&lt;IInvitationStore&gt;(new MyStore(...));
/// }
/// </code>
/// The stores returned may share one database (for example one per test class): every test uses its own
/// ids, keys, inviters, organizations and outbox owners, claims only its own invitation's items where it
/// reasons about them, and purges only in a time window (the 1970s) no other test uses. Tests of one class
/// must not run in parallel against the same database (xunit's default).
/// </summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>A lease long enough for any test.</summary>
    protected static readonly Duration Lease = Duration.FromMinutes(5);

    /// <summary>The base instant tests compute their times from.</summary>
    protected static readonly Instant T0 = Instant.FromUtc(2030, 1, 1, 12, 0);

    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates (or returns) the store under test.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IInvitationStore> CreateStoreAsync();

    /// <summary>
    /// Why the store cannot be tested here (for example its server is not configured), or null to run the
    /// tests. When set, every test writes the reason to <see cref="Output"/> and returns without testing:
    /// an adapter should make the reason null, or fail, on CI, so that a missing server is never a silent pass.
    /// </summary>
    protected virtual string? NotRunReason => null;

    /// <summary>Where tests write diagnostics; set it from the derived class's constructor.</summary>
    protected ITestOutputHelper? Output { get; set; }

    /// <summary>Returns the store under test, or null (after reporting why) when <see cref="NotRunReason"/> is set.</summary>
    /// <returns>The store, or null.</returns>
    protected async Task<IInvitationStore?> StartAsync()
    {
        if (NotRunReason is { } reason)
        {
            Output?.WriteLine($"NOT RUN: {reason}");
            return null;
        }

        return await CreateStoreAsync();
    }

    /// <summary>
    /// Reads one outbox item exactly as stored, whatever its status, or returns null when the adapter cannot
    /// (the default). <see cref="IInvitationStore"/> has no method that reads completed items, so override it
    /// to let the suite check that completed and failed messages lose their body.
    /// </summary>
    /// <param name="store">The store under test.</param>
    /// <param name="id">The item's id.</param>
    /// <returns>The stored item, or null when not supported.</returns>
    protected virtual Task<OutboxItem?> LoadOutboxItemAsync(IInvitationStore store, OutboxItemId id) =>
        Task.FromResult<OutboxItem?>(null);

    /// <summary>The cancellation token tests pass to the store.</summary>
    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A value unique to this test, to keep keys apart from other tests sharing the database.</summary>
    /// <param name="name">A readable prefix.</param>
    /// <returns>The unique value.</returns>
    protected string Unique(string name) => $"{name}-{_run}";

    /// <summary>Builds a pending e-mail invitation with every field set, unique to this test.</summary>
    /// <param name="createdAt">The creation time (default <see cref="T0"/>).</param>
    /// <param name="recipient">The local part of the address (default: a new unique one).</param>
    /// <returns>The invitation (version 1).</returns>
    protected InvitationData NewInvitation(Instant? createdAt = null, string? recipient = null)
    {
        var created = createdAt ?? T0;
        var email = $"{recipient ?? Guid.NewGuid().ToString("N")}@{_run}.example.com";
        return new InvitationData
        {
            Id = new InvitationId(Guid.NewGuid()),
            Version = 1,
            State = InvitationState.Initiated,
            Channel = MessageChannel.Email,
            Email = email,
            DeliveryAddress = email,
            RecipientKey = $"org-{_run}|email|{email}",
            GivenName = "Ada",
            FamilyName = "Lovelace",
            Groups = ["admins", "staff"],
            Roles = ["editor"],
            CustomFields = new Dictionary<string, string> { ["department"] = "R&D", ["floor"] = "3" },
            OrganizationId = $"org-{_run}",
            InvitedById = $"inviter-{_run}",
            InvitedByName = "Grace",
            ClientId = "client-1",
            RedirectLink = "https://app.example.com/welcome",
            LinkTarget = "https://app.example.com/login",
            TemplateKey = "INVITE_USER",
            Locale = "de-CH",
            TimeZone = "Europe/Zurich",
            AllowSameEmailOnly = true,
            Branding = new InvitationBranding { FromName = "Acme", Subject = "Join us", FooterLogoImage = "https://cdn.example.com/l.png" },
            TokenHash = RandomNumberGenerator.GetBytes(32),
            CreatedAt = created,
            UpdatedAt = created,
            ExpiresAt = created + Duration.FromDays(7),
            SendCount = 1,
            LastSentAt = created,
            IdempotencyKey = null,
            FactSequence = 1,
        };
    }

    /// <summary>Builds a fact outbox item for <paramref name="invitation"/>.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The fact's sequence.</param>
    /// <param name="at">When it happened and is due (default: the invitation's UpdatedAt).</param>
    /// <param name="type">The fact type.</param>
    /// <returns>The item.</returns>
    protected static OutboxItem FactItem(InvitationData invitation, long sequence, Instant? at = null, string type = FactTypes.InviteUser)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var when = at ?? invitation.UpdatedAt;
        return new OutboxItem
        {
            Id = new OutboxItemId(Guid.NewGuid()),
            InvitationId = invitation.Id,
            Kind = OutboxItemKind.Fact,
            Sequence = sequence,
            Fact = new InvitationFact
            {
                Id = new FactId(Guid.NewGuid()),
                Type = type,
                ObjectId = invitation.Id,
                Sequence = sequence,
                OccurredAt = when,
                Attributes = new Dictionary<string, string> { ["_id"] = invitation.Id.ToString() },
                NewValue = new InvitationSnapshot
                {
                    Id = invitation.Id,
                    State = invitation.State,
                    Channel = invitation.Channel,
                    Email = invitation.Email,
                    InvitedBy = invitation.InvitedById,
                    TemplateKey = invitation.TemplateKey,
                    Version = invitation.Version,
                    CreatedAt = invitation.CreatedAt,
                    UpdatedAt = invitation.UpdatedAt,
                    ExpiresAt = invitation.ExpiresAt,
                    Groups = invitation.Groups,
                },
            },
            CreatedAt = when,
            DueAt = when,
        };
    }

    /// <summary>Builds a message outbox item for <paramref name="invitation"/>.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The message's sequence.</param>
    /// <param name="at">When it is saved and due (default: the invitation's UpdatedAt).</param>
    /// <returns>The item.</returns>
    protected static OutboxItem MessageItem(InvitationData invitation, long sequence, Instant? at = null)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var when = at ?? invitation.UpdatedAt;
        return new OutboxItem
        {
            Id = new OutboxItemId(Guid.NewGuid()),
            InvitationId = invitation.Id,
            Kind = OutboxItemKind.Message,
            Sequence = sequence,
            Message = new OutgoingMessage
            {
                MessageId = $"{invitation.Id}.{sequence}",
                InvitationId = invitation.Id,
                Channel = MessageChannel.Email,
                To = invitation.DeliveryAddress,
                ToName = "Ada Lovelace",
                FromName = "Acme",
                Subject = "You are invited",
                HtmlBody = "<a href=\"https://app.example.com/login?token=SECRET\">Join</a>",
                TextBody = "Join: https://app.example.com/login?token=SECRET",
                Locale = "de",
                TemplateKey = "INVITE_USER",
                Headers = new Dictionary<string, string> { ["X-Campaign"] = "spring" },
            },
            CreatedAt = when,
            DueAt = when,
        };
    }

    /// <summary>Asserts that two invitations carry the same data (collections compared by content).</summary>
    /// <param name="expected">The expected invitation.</param>
    /// <param name="actual">The actual invitation.</param>
    protected static void AssertSameInvitation(InvitationData expected, InvitationData? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Groups, actual.Groups);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.CustomFields.OrderBy(p => p.Key), actual.CustomFields.OrderBy(p => p.Key));
        Assert.Equal(expected.TokenHash, actual.TokenHash);
        Assert.Equal(expected.Branding, actual.Branding);
        var normalized = actual with
        {
            Groups = expected.Groups,
            Roles = expected.Roles,
            CustomFields = expected.CustomFields,
            TokenHash = expected.TokenHash,
        };
        Assert.Equal(expected, normalized);
    }

    private OutboxClaim ClaimFor(InvitationData invitation, Instant now, string owner = "owner-a", int maxItems = 100) => new()
    {
        Owner = Unique(owner),
        Now = now,
        LeaseDuration = Lease,
        MaxItems = maxItems,
        InvitationId = invitation.Id,
    };

    // ---------------------------------------------------------------- create, find, update

    /// <summary>A created invitation is found by id with every field intact.</summary>
    [Fact]
    public async Task CreateThenFindReturnsTheSameData()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation() with { MobileNumber = "+4915112345678", IdempotencyKey = Unique("idem"), IdempotencyFingerprint = "fp" };

        Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct));

        AssertSameInvitation(invitation, await store.FindAsync(invitation.Id, Ct));
        Assert.Null(await store.FindAsync(new InvitationId(Guid.NewGuid()), Ct));
    }

    /// <summary>Optional fields that are null or empty stay so.</summary>
    [Fact]
    public async Task CreateWithMinimalFieldsRoundTrips()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var full = NewInvitation();
        var invitation = full with
        {
            Channel = MessageChannel.Sms,
            Email = null,
            MobileNumber = "+41791234567",
            DeliveryAddress = "+41791234567",
            GivenName = null,
            FamilyName = null,
            Groups = [],
            Roles = [],
            CustomFields = new Dictionary<string, string>(),
            OrganizationId = null,
            InvitedByName = null,
            ClientId = null,
            RedirectLink = null,
            Locale = null,
            TimeZone = null,
            AllowSameEmailOnly = false,
            Branding = null,
            LastSentAt = null,
            SendCount = 0,
            FactSequence = 0,
        };

        Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(invitation, [], Ct));

        AssertSameInvitation(invitation, await store.FindAsync(invitation.Id, Ct));
    }

    /// <summary>An update with the expected version replaces the data and adds its outbox items.</summary>
    [Fact]
    public async Task UpdateWithExpectedVersionSaves()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var t1 = T0 + Duration.FromHours(1);
        var accepted = invitation with
        {
            Version = 2,
            State = InvitationState.Accepted,
            TokenHash = null,
            UpdatedAt = t1,
            ClosedAt = t1,
            AcceptedSubjectId = "sub-1",
            FactSequence = 2,
            Groups = ["staff"],
        };

        Assert.Equal(StoreWriteResult.Saved, await store.UpdateAsync(accepted, 1, [FactItem(accepted, 2, type: FactTypes.InviteAccepted)], Ct));

        AssertSameInvitation(accepted, await store.FindAsync(invitation.Id, Ct));
        var facts = await store.ListFactsAsync(invitation.Id, Ct);
        Assert.Equal([1L, 2L], facts.Select(f => f.Sequence));
        Assert.Equal(FactTypes.InviteAccepted, facts[1].Type);
    }

    /// <summary>A stale update returns ConcurrencyConflict and writes neither the data nor its outbox items.</summary>
    [Fact]
    public async Task StaleUpdateConflictsAndWritesNothing()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var v2 = invitation with { Version = 2, ResendCount = 1, State = InvitationState.Reinitiated, FactSequence = 2, UpdatedAt = T0 + Duration.FromMinutes(1) };
        Assert.Equal(StoreWriteResult.Saved, await store.UpdateAsync(v2, 1, [FactItem(v2, 2)], Ct));

        var stale = invitation with { Version = 2, State = InvitationState.Revoked, FactSequence = 3, UpdatedAt = T0 + Duration.FromMinutes(2) };
        Assert.Equal(StoreWriteResult.ConcurrencyConflict, await store.UpdateAsync(stale, 1, [FactItem(stale, 3), MessageItem(stale, 1)], Ct));

        AssertSameInvitation(v2, await store.FindAsync(invitation.Id, Ct));
        Assert.Equal([1L, 2L], (await store.ListFactsAsync(invitation.Id, Ct)).Select(f => f.Sequence));
        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromDays(1)), Ct);
        Assert.DoesNotContain(claimed, i => i.Kind == OutboxItemKind.Message);
    }

    /// <summary>Updating an invitation that does not exist is a ConcurrencyConflict.</summary>
    [Fact]
    public async Task UpdateOfMissingInvitationConflicts()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation() with { Version = 2 };

        Assert.Equal(StoreWriteResult.ConcurrencyConflict, await store.UpdateAsync(invitation, 1, [FactItem(invitation, 1)], Ct));

        Assert.Null(await store.FindAsync(invitation.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(invitation.Id, Ct));
    }

    // ---------------------------------------------------------------- uniqueness

    /// <summary>A second pending invitation with the same recipient key is refused and nothing of it is written.</summary>
    [Fact]
    public async Task SecondPendingWithSameRecipientKeyIsRefused()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation(recipient: "dup");
        var second = NewInvitation(recipient: "dup");
        Assert.Equal(first.RecipientKey, second.RecipientKey);
        await store.CreateAsync(first, [FactItem(first, 1)], Ct);

        Assert.Equal(StoreWriteResult.DuplicatePending, await store.CreateAsync(second, [FactItem(second, 1)], Ct));

        Assert.Null(await store.FindAsync(second.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(second.Id, Ct));
        Assert.Equal(first.Id, (await store.FindPendingByRecipientAsync(first.RecipientKey, Ct))?.Id);
    }

    /// <summary>A new pending invitation is allowed once the previous one reached a terminal state.</summary>
    /// <param name="terminal">The terminal state.</param>
    [Theory]
    [InlineData(InvitationState.Accepted)]
    [InlineData(InvitationState.Revoked)]
    [InlineData(InvitationState.Rejected)]
    [InlineData(InvitationState.Expired)]
    public async Task NewPendingIsAllowedOnceThePreviousIsTerminal(InvitationState terminal)
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation(recipient: "again");
        await store.CreateAsync(first, [], Ct);
        var closed = first with { Version = 2, State = terminal, TokenHash = null, ClosedAt = T0 + Duration.FromHours(1), UpdatedAt = T0 + Duration.FromHours(1) };
        Assert.Equal(StoreWriteResult.Saved, await store.UpdateAsync(closed, 1, [], Ct));
        Assert.Null(await store.FindPendingByRecipientAsync(first.RecipientKey, Ct));

        var second = NewInvitation(T0 + Duration.FromHours(2), recipient: "again");
        Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(second, [], Ct));

        Assert.Equal(second.Id, (await store.FindPendingByRecipientAsync(first.RecipientKey, Ct))?.Id);
        var third = NewInvitation(T0 + Duration.FromHours(3), recipient: "again");
        Assert.Equal(StoreWriteResult.DuplicatePending, await store.CreateAsync(third, [], Ct));
    }

    /// <summary>Renewing (resending) an expired invitation back to pending is refused while another pending one holds the key.</summary>
    [Fact]
    public async Task UpdateBackToPendingIsRefusedWhileAnotherIsPending()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var old = NewInvitation(recipient: "renew");
        await store.CreateAsync(old, [], Ct);
        var expired = old with { Version = 2, State = InvitationState.Expired, TokenHash = null, UpdatedAt = T0 + Duration.FromDays(8) };
        await store.UpdateAsync(expired, 1, [], Ct);
        var fresh = NewInvitation(T0 + Duration.FromDays(9), recipient: "renew");
        await store.CreateAsync(fresh, [], Ct);

        var renewed = expired with { Version = 3, State = InvitationState.Reinitiated, TokenHash = RandomNumberGenerator.GetBytes(32), ExpiresAt = T0 + Duration.FromDays(20), FactSequence = 2 };
        Assert.Equal(StoreWriteResult.DuplicatePending, await store.UpdateAsync(renewed, 2, [FactItem(renewed, 2)], Ct));

        AssertSameInvitation(expired, await store.FindAsync(old.Id, Ct));
        Assert.Empty(await store.ListFactsAsync(old.Id, Ct));
    }

    /// <summary>A second invitation with the same idempotency key is refused.</summary>
    [Fact]
    public async Task DuplicateIdempotencyKeyIsRefused()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var key = Unique("idem-dup");
        var first = NewInvitation() with { IdempotencyKey = key, IdempotencyFingerprint = "a" };
        var second = NewInvitation() with { IdempotencyKey = key, IdempotencyFingerprint = "b" };
        await store.CreateAsync(first, [], Ct);

        Assert.Equal(StoreWriteResult.DuplicateIdempotencyKey, await store.CreateAsync(second, [FactItem(second, 1)], Ct));

        Assert.Null(await store.FindAsync(second.Id, Ct));
        Assert.Equal(first.Id, (await store.FindByIdempotencyKeyAsync(key, Ct))?.Id);
        Assert.Null(await store.FindByIdempotencyKeyAsync(Unique("idem-other"), Ct));
    }

    /// <summary>A second invitation with the same id is refused and the first is unchanged.</summary>
    [Fact]
    public async Task DuplicateIdIsRefused()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var first = NewInvitation();
        var second = NewInvitation() with { Id = first.Id };
        await store.CreateAsync(first, [FactItem(first, 1)], Ct);

        Assert.Equal(StoreWriteResult.DuplicateId, await store.CreateAsync(second, [FactItem(second, 2)], Ct));

        AssertSameInvitation(first, await store.FindAsync(first.Id, Ct));
        Assert.Equal([1L], (await store.ListFactsAsync(first.Id, Ct)).Select(f => f.Sequence));
    }

    /// <summary>Many concurrent creates for one recipient: exactly one is saved.</summary>
    [Fact]
    public async Task ConcurrentCreatesForOneRecipientSaveExactlyOne()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitations = Enumerable.Range(0, 16).Select(_ => NewInvitation(recipient: "race")).ToList();

        var results = await Task.WhenAll(invitations.Select(i => Task.Run(async () => await store.CreateAsync(i, [FactItem(i, 1)], Ct))));

        Assert.Equal(1, results.Count(r => r == StoreWriteResult.Saved));
        Assert.All(results.Where(r => r != StoreWriteResult.Saved), r => Assert.Equal(StoreWriteResult.DuplicatePending, r));
    }

    // ---------------------------------------------------------------- lookups

    /// <summary>An invitation is found by its current token hash only.</summary>
    [Fact]
    public async Task FindByTokenHashFindsTheCurrentTokenOnly()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [], Ct);

        Assert.Equal(invitation.Id, (await store.FindByTokenHashAsync((byte[])invitation.TokenHash!.Clone(), Ct))?.Id);
        Assert.Null(await store.FindByTokenHashAsync(RandomNumberGenerator.GetBytes(32), Ct));

        var rotated = invitation with { Version = 2, State = InvitationState.Reinitiated, TokenHash = RandomNumberGenerator.GetBytes(32), ResendCount = 1 };
        await store.UpdateAsync(rotated, 1, [], Ct);
        Assert.Null(await store.FindByTokenHashAsync(invitation.TokenHash!, Ct));
        Assert.Equal(invitation.Id, (await store.FindByTokenHashAsync(rotated.TokenHash!, Ct))?.Id);
    }

    /// <summary>FindPendingByRecipient returns only a pending invitation (stored state Initiated or Reinitiated).</summary>
    [Fact]
    public async Task FindPendingByRecipientReturnsOnlyPending()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [], Ct);
        Assert.Equal(invitation.Id, (await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct))?.Id);

        var resent = invitation with { Version = 2, State = InvitationState.Reinitiated };
        await store.UpdateAsync(resent, 1, [], Ct);
        Assert.Equal(invitation.Id, (await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct))?.Id);

        var revoked = resent with { Version = 3, State = InvitationState.Revoked, TokenHash = null };
        await store.UpdateAsync(revoked, 2, [], Ct);
        Assert.Null(await store.FindPendingByRecipientAsync(invitation.RecipientKey, Ct));
        Assert.Null(await store.FindPendingByRecipientAsync(Unique("nobody"), Ct));
    }

    // ---------------------------------------------------------------- queries

    /// <summary>The state filter matches the effective state, including derived expiry.</summary>
    [Fact]
    public async Task QueryByEffectiveState()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var asOf = T0 + Duration.FromDays(3);
        var live = NewInvitation(T0);
        var lapsed = NewInvitation(T0 + Duration.FromMinutes(1)) with { ExpiresAt = asOf };
        var resentLive = NewInvitation(T0 + Duration.FromMinutes(2)) with { State = InvitationState.Reinitiated };
        var resentLapsed = NewInvitation(T0 + Duration.FromMinutes(3)) with { State = InvitationState.Reinitiated, ExpiresAt = asOf - Duration.FromSeconds(1) };
        var expired = NewInvitation(T0 + Duration.FromMinutes(4)) with { State = InvitationState.Expired, TokenHash = null };
        var accepted = NewInvitation(T0 + Duration.FromMinutes(5)) with { State = InvitationState.Accepted, TokenHash = null, ExpiresAt = T0 };
        var revoked = NewInvitation(T0 + Duration.FromMinutes(6)) with { State = InvitationState.Revoked, TokenHash = null };
        var rejected = NewInvitation(T0 + Duration.FromMinutes(7)) with { State = InvitationState.Rejected, TokenHash = null };
        foreach (var i in new[] { live, lapsed, resentLive, resentLapsed, expired, accepted, revoked, rejected })
        {
            Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(i, [], Ct));
        }

        async Task<List<InvitationId>> Ids(InvitationState state) =>
            (await store.QueryAsync(new InvitationQuery { State = state, OrganizationId = $"org-{_run}", AsOf = asOf }, Ct)).Items.Select(i => i.Id).ToList();

        Assert.Equal([live.Id], await Ids(InvitationState.Initiated));
        Assert.Equal([resentLive.Id], await Ids(InvitationState.Reinitiated));
        Assert.Equal([lapsed.Id, resentLapsed.Id, expired.Id], await Ids(InvitationState.Expired));
        Assert.Equal([accepted.Id], await Ids(InvitationState.Accepted));
        Assert.Equal([revoked.Id], await Ids(InvitationState.Revoked));
        Assert.Equal([rejected.Id], await Ids(InvitationState.Rejected));
        var all = await store.QueryAsync(new InvitationQuery { OrganizationId = $"org-{_run}", AsOf = asOf }, Ct);
        Assert.Equal(8, all.Items.Count);
        Assert.Null(all.Next);
    }

    /// <summary>The e-mail, inviter, organization and created-range filters, alone and combined.</summary>
    [Fact]
    public async Task QueryByEmailInviterOrganizationAndCreatedRange()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var a = NewInvitation(T0);
        var b = NewInvitation(T0 + Duration.FromHours(1)) with { InvitedById = Unique("other-inviter") };
        var c = NewInvitation(T0 + Duration.FromHours(2)) with { OrganizationId = Unique("other-org") };
        var d = NewInvitation(T0 + Duration.FromHours(3)) with { Email = a.Email, RecipientKey = a.RecipientKey + "|2" };
        foreach (var i in new[] { a, b, c, d })
        {
            Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(i, [], Ct));
        }

        async Task<List<InvitationId>> Ids(InvitationQuery q) => (await store.QueryAsync(q, Ct)).Items.Select(i => i.Id).ToList();
        var asOf = T0;
        var org = $"org-{_run}";

        Assert.Equal([a.Id, d.Id], await Ids(new InvitationQuery { Email = a.Email, AsOf = asOf }));
        Assert.Equal([b.Id], await Ids(new InvitationQuery { InvitedById = Unique("other-inviter"), AsOf = asOf }));
        Assert.Equal([a.Id, c.Id, d.Id], await Ids(new InvitationQuery { InvitedById = $"inviter-{_run}", AsOf = asOf }));
        Assert.Equal([c.Id], await Ids(new InvitationQuery { OrganizationId = Unique("other-org"), AsOf = asOf }));
        Assert.Equal([a.Id, b.Id, d.Id], await Ids(new InvitationQuery { OrganizationId = org, AsOf = asOf }));
        Assert.Equal([b.Id], await Ids(new InvitationQuery { OrganizationId = org, CreatedFrom = T0 + Duration.FromHours(1), CreatedBefore = T0 + Duration.FromHours(3), AsOf = asOf }));
        Assert.Equal([a.Id], await Ids(new InvitationQuery { OrganizationId = org, CreatedBefore = T0 + Duration.FromHours(1), AsOf = asOf }));
        Assert.Equal([d.Id], await Ids(new InvitationQuery { Email = a.Email, InvitedById = $"inviter-{_run}", CreatedFrom = T0 + Duration.FromSeconds(1), AsOf = asOf }));
        Assert.Empty(await Ids(new InvitationQuery { Email = a.Email, InvitedById = Unique("other-inviter"), AsOf = asOf }));
    }

    /// <summary>Keyset pagination returns every item once, in (CreatedAt, Id) order, while invitations are added during paging.</summary>
    [Fact]
    public async Task KeysetPaginationLosesAndRepeatsNothingWhileItemsAreAdded()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var org = $"org-{_run}";
        var original = new List<InvitationData>();
        for (var n = 0; n < 30; n++)
        {
            // Pairs share a CreatedAt, so ties are ordered by id.
            var invitation = NewInvitation(T0 + Duration.FromMinutes(n / 2));
            original.Add(invitation);
            Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(invitation, [], Ct));
        }

        var seen = new List<InvitationData>();
        var added = new List<InvitationData>();
        InvitationCursor? after = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new InvitationQuery { OrganizationId = org, After = after, Limit = 7, AsOf = T0 }, Ct);
            Assert.True(page.Items.Count <= 7);
            seen.AddRange(page.Items);
            after = page.Next;
            if (after is { } cursor)
            {
                Assert.Equal(page.Items[^1].CreatedAt, cursor.CreatedAt);
                Assert.Equal(page.Items[^1].Id, cursor.Id);
            }

            if (after is not null)
            {
                // Add one before the cursor (never seen) and one at the far end (seen later).
                var early = NewInvitation(T0 - Duration.FromMinutes(1 + pages));
                var late = NewInvitation(T0 + Duration.FromHours(10 + pages));
                added.Add(late);
                Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(early, [], Ct));
                Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(late, [], Ct));
            }

            pages++;
            Assert.True(pages < 50, "pagination does not end");
        }
        while (after is not null);

        Assert.Equal(seen.Count, seen.Select(i => i.Id).Distinct().Count());
        Assert.All(original.Concat(added), i => Assert.Contains(seen, s => s.Id == i.Id));
        for (var n = 1; n < seen.Count; n++)
        {
            Assert.True(seen[n - 1].CreatedAt <= seen[n].CreatedAt, "items are not in CreatedAt order");
        }
    }

    /// <summary>A page of exactly Limit items that ends the result has no Next, or a Next that yields an empty page.</summary>
    [Fact]
    public async Task LastPageEndsPagination()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        for (var n = 0; n < 4; n++)
        {
            await store.CreateAsync(NewInvitation(T0 + Duration.FromSeconds(n)), [], Ct);
        }

        var first = await store.QueryAsync(new InvitationQuery { OrganizationId = $"org-{_run}", Limit = 4, AsOf = T0 }, Ct);
        Assert.Equal(4, first.Items.Count);
        if (first.Next is { } next)
        {
            var second = await store.QueryAsync(new InvitationQuery { OrganizationId = $"org-{_run}", Limit = 4, After = next, AsOf = T0 }, Ct);
            Assert.Empty(second.Items);
            Assert.Null(second.Next);
        }
    }

    /// <summary>CountCreatedBy counts an inviter's invitations created at or after the given instant.</summary>
    [Fact]
    public async Task CountCreatedByCountsTheWindow()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        for (var n = 0; n < 5; n++)
        {
            await store.CreateAsync(NewInvitation(T0 + Duration.FromHours(n)), [], Ct);
        }

        await store.CreateAsync(NewInvitation(T0 + Duration.FromHours(4)) with { InvitedById = Unique("someone-else") }, [], Ct);

        Assert.Equal(5, await store.CountCreatedByAsync($"inviter-{_run}", T0, Ct));
        Assert.Equal(3, await store.CountCreatedByAsync($"inviter-{_run}", T0 + Duration.FromHours(2), Ct));
        Assert.Equal(0, await store.CountCreatedByAsync($"inviter-{_run}", T0 + Duration.FromHours(5), Ct));
        Assert.Equal(0, await store.CountCreatedByAsync(Unique("nobody"), T0, Ct));
    }

    /// <summary>Facts are listed in sequence order with their content intact, delivered or not.</summary>
    [Fact]
    public async Task ListFactsReturnsFactsInSequenceOrder()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var first = FactItem(invitation, 1);
        await store.CreateAsync(invitation, [first, MessageItem(invitation, 1)], Ct);
        var v2 = invitation with { Version = 2, State = InvitationState.Reinitiated, FactSequence = 3 };
        await store.UpdateAsync(v2, 1, [FactItem(v2, 3), FactItem(v2, 2), MessageItem(v2, 2)], Ct);

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        var fact1 = Assert.Single(claimed, i => i.Kind == OutboxItemKind.Fact);
        Assert.True(await store.CompleteOutboxAsync(fact1.Id, Unique("owner-a"), T0, Ct));

        var facts = await store.ListFactsAsync(invitation.Id, Ct);
        Assert.Equal([1L, 2L, 3L], facts.Select(f => f.Sequence));
        Assert.Equal(first.Fact!.Id, facts[0].Id);
        Assert.Equal(first.Fact.OccurredAt, facts[0].OccurredAt);
        Assert.Equal(first.Fact.Attributes, facts[0].Attributes);
        Assert.Equal(first.Fact.NewValue!.Groups, facts[0].NewValue!.Groups);
        Assert.Empty(await store.ListFactsAsync(new InvitationId(Guid.NewGuid()), Ct));
    }

    // ---------------------------------------------------------------- outbox

    /// <summary>The outbox items saved with a state change are claimable with their content intact.</summary>
    [Fact]
    public async Task OutboxItemsAreSavedAtomicallyWithTheInvitation()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var fact = FactItem(invitation, 1);
        var message = MessageItem(invitation, 1);
        Assert.Equal(StoreWriteResult.Saved, await store.CreateAsync(invitation, [fact, message], Ct));

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal(2, claimed.Count);
        var gotFact = Assert.Single(claimed, i => i.Kind == OutboxItemKind.Fact);
        var gotMessage = Assert.Single(claimed, i => i.Kind == OutboxItemKind.Message);
        Assert.Equal(fact.Id, gotFact.Id);
        Assert.Equal(fact.Fact!.Id, gotFact.Fact!.Id);
        Assert.Equal(fact.Fact.Type, gotFact.Fact.Type);
        Assert.Null(gotFact.Message);
        Assert.Equal(message.Id, gotMessage.Id);
        Assert.Null(gotMessage.Fact);
        var m = gotMessage.Message!;
        Assert.Equal(message.Message!.TextBody, m.TextBody);
        Assert.Equal(message.Message.HtmlBody, m.HtmlBody);
        Assert.Equal(message.Message.To, m.To);
        Assert.Equal(message.Message.MessageId, m.MessageId);
        Assert.Equal(message.Message.Headers, m.Headers);
        Assert.Equal(invitation.Id, gotMessage.InvitationId);
        Assert.Equal(1, gotMessage.Sequence);
        Assert.Equal(OutboxItemStatus.Pending, gotMessage.Status);
        Assert.Equal(T0, gotMessage.CreatedAt);
        Assert.Equal(0, gotMessage.Attempts);
    }

    /// <summary>A claim leases items to its owner until Now + LeaseDuration; nobody else gets them meanwhile.</summary>
    [Fact]
    public async Task ClaimLeasesItemsToTheOwner()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1), MessageItem(invitation, 1)], Ct);

        var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);

        Assert.Equal(2, claimed.Count);
        Assert.All(claimed, i =>
        {
            Assert.Equal(Unique("owner-a"), i.LeaseOwner);
            Assert.Equal(T0 + Lease, i.LeaseExpiresAt);
        });
        Assert.Equal([OutboxItemKind.Fact, OutboxItemKind.Message], claimed.Select(i => i.Kind));
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-b"), Ct));
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-a"), Ct));
    }

    /// <summary>MaxItems bounds a claim; items not yet due are not claimed.</summary>
    [Fact]
    public async Task ClaimHonoursMaxItemsAndDueTime()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var later = FactItem(invitation, 1) with { DueAt = T0 + Duration.FromMinutes(3) };
        var m1 = MessageItem(invitation, 1);
        var other = NewInvitation();
        await store.CreateAsync(invitation, [later, m1], Ct);
        await store.CreateAsync(other, [MessageItem(other, 1), FactItem(other, 1)], Ct);

        var first = await store.ClaimOutboxAsync(ClaimFor(invitation, T0, maxItems: 1), Ct);
        Assert.Equal(m1.Id, Assert.Single(first).Id);
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(2), "owner-b"), Ct));
        Assert.Equal(later.Id, Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(3), "owner-b"), Ct)).Id);
        Assert.Single(await store.ClaimOutboxAsync(ClaimFor(other, T0, "owner-c", maxItems: 1), Ct));
        Assert.Single(await store.ClaimOutboxAsync(ClaimFor(other, T0, "owner-c", maxItems: 5), Ct));
    }

    /// <summary>Complete, release and fail by an owner who does not hold the lease return false and change nothing.</summary>
    [Fact]
    public async Task WrongOwnerCannotCompleteReleaseOrFail()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var item = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct));
        var intruder = Unique("intruder");

        Assert.False(await store.CompleteOutboxAsync(item.Id, intruder, T0, Ct));
        Assert.False(await store.ReleaseOutboxAsync(item.Id, intruder, T0, "nope", Ct));
        Assert.False(await store.FailOutboxAsync(item.Id, intruder, T0, "nope", Ct));
        Assert.False(await store.CompleteOutboxAsync(new OutboxItemId(Guid.NewGuid()), Unique("owner-a"), T0, Ct));

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1), "owner-b"), Ct));
        Assert.True(await store.CompleteOutboxAsync(item.Id, Unique("owner-a"), T0, Ct));
        Assert.False(await store.CompleteOutboxAsync(item.Id, Unique("owner-a"), T0, Ct));
        Assert.False(await store.FailOutboxAsync(item.Id, Unique("owner-a"), T0, "late", Ct));
        Assert.False(await store.ReleaseOutboxAsync(item.Id, Unique("owner-a"), T0, "late", Ct));
        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Lease + Lease, "owner-b"), Ct));
    }

    /// <summary>Release ends the lease, increments attempts, records the error and makes the item due at the given time.</summary>
    [Fact]
    public async Task ReleaseMakesTheItemDueAgainLater()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var item = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct));
        var dueAt = T0 + Duration.FromSeconds(5);

        Assert.True(await store.ReleaseOutboxAsync(item.Id, Unique("owner-a"), dueAt, "503 Service Unavailable", Ct));

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, dueAt - Duration.FromSeconds(1), "owner-b"), Ct));
        var again = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, dueAt, "owner-b"), Ct));
        Assert.Equal(item.Id, again.Id);
        Assert.Equal(1, again.Attempts);
        Assert.Equal(dueAt, again.DueAt);
        Assert.Equal("503 Service Unavailable", again.LastError);
        Assert.Equal(Unique("owner-b"), again.LeaseOwner);
        Assert.True(await store.ReleaseOutboxAsync(item.Id, Unique("owner-b"), dueAt + Duration.FromMinutes(5), "timeout", Ct));
        var third = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, dueAt + Duration.FromMinutes(5)), Ct));
        Assert.Equal(2, third.Attempts);
    }

    /// <summary>A dispatcher that dies leaves its items claimable once the lease expires; its late completion is refused.</summary>
    [Fact]
    public async Task ExpiredLeaseIsClaimableAgain()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var crashed = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0, "crashed"), Ct));

        Assert.Empty(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Lease - Duration.FromSeconds(1), "rescuer"), Ct));
        var rescued = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Lease, "rescuer"), Ct));

        Assert.Equal(crashed.Id, rescued.Id);
        Assert.Equal(Unique("rescuer"), rescued.LeaseOwner);
        Assert.False(await store.CompleteOutboxAsync(crashed.Id, Unique("crashed"), T0 + Lease, Ct));
        Assert.True(await store.CompleteOutboxAsync(rescued.Id, Unique("rescuer"), T0 + Lease, Ct));
    }

    /// <summary>An item waits while an earlier item of the same invitation and kind is pending; facts and messages do not block each other.</summary>
    [Fact]
    public async Task ItemsAreClaimedInOrderPerInvitationAndKind()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var f1 = FactItem(invitation, 1);
        var f2 = FactItem(invitation, 2);
        var f3 = FactItem(invitation, 3);
        var m1 = MessageItem(invitation, 1);
        var m2 = MessageItem(invitation, 2);
        await store.CreateAsync(invitation, [f3, f1, m2, f2, m1], Ct);
        var owner = Unique("owner-a");

        var batch1 = await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        Assert.Equal([f1.Id, m1.Id], batch1.Select(i => i.Id));

        // f1 released (still pending): f2 stays blocked even after f1's lease ended.
        Assert.True(await store.ReleaseOutboxAsync(f1.Id, owner, T0 + Duration.FromHours(1), "retry", Ct));
        Assert.True(await store.CompleteOutboxAsync(m1.Id, owner, T0, Ct));
        var batch2 = await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1)), Ct);
        Assert.Equal([m2.Id], batch2.Select(i => i.Id));
        Assert.True(await store.CompleteOutboxAsync(m2.Id, owner, T0 + Duration.FromMinutes(1), Ct));

        // f1 completed: f2 becomes claimable; f2 failed: f3 becomes claimable.
        var f1Again = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(1)), Ct));
        Assert.Equal(f1.Id, f1Again.Id);
        Assert.True(await store.CompleteOutboxAsync(f1.Id, owner, T0 + Duration.FromHours(1), Ct));
        var f2Claim = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(1)), Ct));
        Assert.Equal(f2.Id, f2Claim.Id);
        Assert.True(await store.FailOutboxAsync(f2.Id, owner, T0 + Duration.FromHours(1), "410 Gone", Ct));
        var f3Claim = Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromHours(1)), Ct));
        Assert.Equal(f3.Id, f3Claim.Id);
    }

    /// <summary>Completed and failed messages lose their body (it carries the invitation link); facts keep theirs.</summary>
    [Fact]
    public async Task CompletedAndFailedMessagesLoseTheirBody()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        var m1 = MessageItem(invitation, 1);
        var f1 = FactItem(invitation, 1);
        await store.CreateAsync(invitation, [m1, f1], Ct);
        var owner = Unique("owner-a");
        await store.ClaimOutboxAsync(ClaimFor(invitation, T0), Ct);
        Assert.True(await store.CompleteOutboxAsync(m1.Id, owner, T0, Ct));
        Assert.True(await store.CompleteOutboxAsync(f1.Id, owner, T0, Ct));
        var v2 = invitation with { Version = 2, State = InvitationState.Reinitiated };
        var m2 = MessageItem(v2, 2, T0 + Duration.FromMinutes(1));
        await store.UpdateAsync(v2, 1, [m2], Ct);
        Assert.Single(await store.ClaimOutboxAsync(ClaimFor(invitation, T0 + Duration.FromMinutes(1)), Ct));
        Assert.True(await store.FailOutboxAsync(m2.Id, owner, T0 + Duration.FromMinutes(1), "550 mailbox unavailable", Ct));

        var stored1 = await LoadOutboxItemAsync(store, m1.Id);
        var stored2 = await LoadOutboxItemAsync(store, m2.Id);
        var storedFact = await LoadOutboxItemAsync(store, f1.Id);
        if (stored1 is null || stored2 is null || storedFact is null)
        {
            return; // the adapter does not expose stored items (override LoadOutboxItemAsync to check this)
        }

        Assert.Equal(OutboxItemStatus.Delivered, stored1.Status);
        Assert.Equal(T0, stored1.CompletedAt);
        Assert.True(stored1.Message is null || (stored1.Message.TextBody.Length == 0 && string.IsNullOrEmpty(stored1.Message.HtmlBody)), "a delivered message kept its body");
        Assert.Equal(OutboxItemStatus.Failed, stored2.Status);
        Assert.Equal("550 mailbox unavailable", stored2.LastError);
        Assert.True(stored2.Message is null || (stored2.Message.TextBody.Length == 0 && string.IsNullOrEmpty(stored2.Message.HtmlBody)), "a failed message kept its body");
        Assert.NotNull(storedFact.Fact);
    }

    /// <summary>Purge deletes only completed or failed items whose CompletedAt is before the cut-off, at most maxItems per call.</summary>
    [Fact]
    public async Task PurgeDeletesOnlyOldFinishedItemsInBatches()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var old = Instant.FromUtc(1971, 1, 1, 0, 0);
        var owner = Unique("owner-a");
        var finished = new List<(InvitationData Invitation, OutboxItem Item)>();
        for (var n = 0; n < 5; n++)
        {
            var invitation = NewInvitation(old + Duration.FromMinutes(n)) with { ExpiresAt = old + Duration.FromDays(7) };
            var fact = FactItem(invitation, 1);
            await store.CreateAsync(invitation, [fact, MessageItem(invitation, 1)], Ct);
            finished.Add((invitation, fact));
        }

        // Finish every fact (4 delivered, 1 failed) before the cut-off; the messages stay pending.
        for (var n = 0; n < finished.Count; n++)
        {
            var (invitation, fact) = finished[n];
            var claimed = await store.ClaimOutboxAsync(ClaimFor(invitation, old + Duration.FromMinutes(n)), Ct);
            Assert.Contains(claimed, i => i.Id == fact.Id);
            var done = n == 4
                ? await store.FailOutboxAsync(fact.Id, owner, old + Duration.FromMinutes(n), "gone", Ct)
                : await store.CompleteOutboxAsync(fact.Id, owner, old + Duration.FromMinutes(n), Ct);
            Assert.True(done);
        }

        // One more finished after the cut-off.
        var recent = NewInvitation(old + Duration.FromDays(1));
        var recentFact = FactItem(recent, 1);
        await store.CreateAsync(recent, [recentFact], Ct);
        await store.ClaimOutboxAsync(ClaimFor(recent, old + Duration.FromDays(1)), Ct);
        Assert.True(await store.CompleteOutboxAsync(recentFact.Id, owner, old + Duration.FromDays(1), Ct));

        var cutOff = old + Duration.FromHours(1);
        Assert.Equal(2, await store.PurgeOutboxAsync(cutOff, 2, Ct));
        Assert.Equal(2, await store.PurgeOutboxAsync(cutOff, 2, Ct));
        Assert.Equal(1, await store.PurgeOutboxAsync(cutOff, 2, Ct));
        Assert.Equal(0, await store.PurgeOutboxAsync(cutOff, 2, Ct));

        Assert.All(finished, f => Assert.Empty(store.ListFactsAsync(f.Invitation.Id, Ct).AsTask().GetAwaiter().GetResult()));
        Assert.Single(await store.ListFactsAsync(recent.Id, Ct));

        // The pending messages were not purged: they are still claimable.
        foreach (var (invitation, _) in finished)
        {
            var left = await store.ClaimOutboxAsync(ClaimFor(invitation, old + Duration.FromDays(2), "owner-b"), Ct);
            Assert.Equal(OutboxItemKind.Message, Assert.Single(left).Kind);
        }
    }

    /// <summary>Concurrent claimers never receive the same item while its lease lives.</summary>
    [Fact]
    public async Task ConcurrentClaimsNeverLeaseTheSameItemTwice()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var mine = new HashSet<OutboxItemId>();
        for (var n = 0; n < 40; n++)
        {
            var invitation = NewInvitation(T0 + Duration.FromSeconds(n));
            var fact = FactItem(invitation, 1);
            var message = MessageItem(invitation, 1);
            await store.CreateAsync(invitation, [fact, message], Ct);
            mine.Add(fact.Id);
            mine.Add(message.Id);
        }

        var claims = new ConcurrentBag<(string Owner, OutboxItemId Id)>();
        var now = T0 + Duration.FromMinutes(10);
        var claimers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var owner = Unique($"claimer-{c}");
            for (var round = 0; round < 200; round++)
            {
                var got = await store.ClaimOutboxAsync(new OutboxClaim { Owner = owner, Now = now, LeaseDuration = Lease, MaxItems = 5 }, Ct);
                if (got.Count == 0)
                {
                    break;
                }

                foreach (var item in got)
                {
                    claims.Add((owner, item.Id));
                }
            }
        }));
        await Task.WhenAll(claimers);

        var ours = claims.Where(c => mine.Contains(c.Id)).ToList();
        var duplicates = ours.GroupBy(c => c.Id).Where(g => g.Count() > 1).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} items were leased twice");
        Assert.Equal(mine.Count, ours.Count);
    }

    /// <summary>Of N concurrent updates computed from the same version, exactly one is saved.</summary>
    [Fact]
    public async Task ConcurrentUpdatesOfOneVersionSaveExactlyOne()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation();
        await store.CreateAsync(invitation, [FactItem(invitation, 1)], Ct);
        var updates = Enumerable.Range(0, 16)
            .Select(n => invitation with { Version = 2, AcceptedSubjectId = $"sub-{n}", State = InvitationState.Accepted, TokenHash = null, FactSequence = 2 })
            .ToList();

        var results = await Task.WhenAll(updates.Select(u => Task.Run(async () =>
            await store.UpdateAsync(u, 1, [FactItem(u, 2, type: FactTypes.InviteAccepted)], Ct))));

        Assert.Equal(1, results.Count(r => r == StoreWriteResult.Saved));
        Assert.All(results.Where(r => r != StoreWriteResult.Saved), r => Assert.Equal(StoreWriteResult.ConcurrencyConflict, r));
        var stored = await store.FindAsync(invitation.Id, Ct);
        Assert.Equal(2, stored!.Version);
        var winner = updates[Array.IndexOf(results, StoreWriteResult.Saved)];
        Assert.Equal(winner.AcceptedSubjectId, stored.AcceptedSubjectId);
        Assert.Equal([1L, 2L], (await store.ListFactsAsync(invitation.Id, Ct)).Select(f => f.Sequence));
    }
}
