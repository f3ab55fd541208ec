using System.Security.Cryptography;
using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace Invitations.Testing;

/// <summary>
/// The conformance suite for <see cref="IInvitationStore"/> adapters. Derive one xunit test class, implement
/// <see cref="CreateStoreAsync"/>, and every <c>[SkippableFact]</c> here runs against your store:
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
        // A missing server reports the test as skipped (with CI=true the fixture fails instead): never a silent pass.
        Skip.If(NotRunReason is not null, "NOT RUN: " + NotRunReason);

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

    /// <summary>Builds a fact outbox item (see <see cref="OutboxTestData.FactItem"/>).</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The fact's sequence.</param>
    /// <param name="at">When it happened and is due (default: the invitation's UpdatedAt).</param>
    /// <param name="type">The fact type.</param>
    /// <returns>The item.</returns>
    protected static OutboxItem FactItem(InvitationData invitation, long sequence, Instant? at = null, string type = FactTypes.InviteUser) =>
        OutboxTestData.FactItem(invitation, sequence, at, type);

    /// <summary>Builds a message outbox item (see <see cref="OutboxTestData.MessageItem"/>).</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="sequence">The message's sequence.</param>
    /// <param name="at">When it is due (default: the invitation's UpdatedAt).</param>
    /// <returns>The item.</returns>
    protected static OutboxItem MessageItem(InvitationData invitation, long sequence, Instant? at = null) =>
        OutboxTestData.MessageItem(invitation, sequence, at);

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
}
