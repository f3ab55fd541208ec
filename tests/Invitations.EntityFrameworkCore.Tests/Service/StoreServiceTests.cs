using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Invitations.EntityFrameworkCore.Tests.Service;

/// <summary>
/// The service over each store (in-memory, SQLite, PostgreSQL): the store-side findings of issue 13, end to end.
/// Each test builds its own host over the class's database and uses addresses no other test uses.
/// </summary>
public abstract partial class StoreServiceTests
{
    protected StoreServiceTests(ITestOutputHelper output) => Output = output;

    protected ITestOutputHelper Output { get; }

    /// <summary>The database to run on; null for the in-memory store.</summary>
    protected abstract Action<DbContextOptionsBuilder>? Database { get; }

    protected virtual string? NotRunReason => null;

    /// <summary>Whether the store is an EF Core one (it logs through EF Core and has files to scan).</summary>
    protected virtual bool IsRelational => false;

    protected ServiceHost NewHost(Action<InvitationsOptions>? configure = null, Action<InvitationsBuilder>? adapters = null) =>
        new(Database, configure, adapters);

    /// <summary>Skips the test (never a silent pass) when this store's server is not configured; with CI=true the fixture fails instead.</summary>
    /// <returns>False: a test that may run goes on.</returns>
    protected bool NotRun()
    {
        Skip.If(NotRunReason is not null, "NOT RUN: " + NotRunReason);
        return false;
    }

    protected static string Unique(string local) => $"{local}.{Guid.NewGuid():N}"[..Math.Min(60, local.Length + 33)];

    [SkippableFact]
    public async Task RecipientKeyDoesNotCollideAcrossOrganizations()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var victimOrg = $"x{tag}|email|y";
        var victim = await host.Manager.InviteAsync(ServiceHost.Request("jane@victim.example", victimOrg) with { Groups = ["victim-admins"] });
        Assert.True(victim.IsSuccess, victim.ToString());

        // Under the old key both were "x…|email|y|email|jane@victim.example".
        var attacker = await host.Manager.InviteAsync(ServiceHost.Request("y|email|jane@victim.example", $"x{tag}") with { Groups = ["viewer"] });

        Assert.True(attacker.IsSuccess, attacker.ToString());
        Assert.Equal(InviteStatus.Created, attacker.Value.Status);
        Assert.NotEqual(victim.Value.Invitation.Id, attacker.Value.Invitation.Id);
        Assert.NotEqual(victim.Value.Link, attacker.Value.Link);
        var stored = (await host.Manager.GetAsync(victim.Value.Invitation.Id)).Value;
        Assert.Equal(["victim-admins"], stored.Groups);
        Assert.Equal(victim.Value.Invitation.Version, stored.Version);
    }

    [SkippableFact]
    public async Task InviterIdOfTheFullLengthIsStoredAndFoundAndOneMoreIsATypedError()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var id = Guid.NewGuid().ToString("N") + new string('i', 256 - 32);
        var inviter = InvitationActor.Admin(id, "Long Id");
        var created = await host.Manager.InviteAsync(ServiceHost.Request(Unique("long") + "@example.com") with { Inviter = inviter, IdempotencyKey = new string('k', 255) });
        Assert.True(created.IsSuccess, created.ToString());
        var found = await host.Manager.FindAsync(new InvitationSearch { InvitedBy = id });
        Assert.True(found.IsSuccess, found.ToString());
        Assert.Single(found.Value.Items);

        var tooLong = await host.Manager.InviteAsync(ServiceHost.Request(Unique("long") + "@example.com") with { Inviter = InvitationActor.Admin(id + "x") });
        Assert.Equal(InvitationErrorCodes.FieldInvalid, tooLong.Error?.Code);
        Assert.Equal(InvitationErrorCodes.FieldInvalid, (await host.Manager.FindAsync(new InvitationSearch { InvitedBy = id + "x" })).Error?.Code);
    }

    public static TheoryData<string> HostileFilters() => new()
    {
        "admin\0",
        "admin\uD800",
        "\uDC00",
        new string('o', 300),
    };

    [SkippableTheory]
    [MemberData(nameof(HostileFilters), DisableDiscoveryEnumeration = true)]
    public async Task SearchFilterWithNulALoneSurrogateOrTooLongIsATypedError(string filter)
    {
        if (NotRun())
        {
            return;
        }

        Assert.True(filter.Length > 256 || filter.Contains('\0') || filter.Any(char.IsSurrogate), "the row reached the test intact");
        using var host = NewHost();
        Assert.Equal(InvitationErrorCodes.FieldInvalid, (await host.Manager.FindAsync(new InvitationSearch { InvitedBy = filter })).Error?.Code);
        Assert.Equal(InvitationErrorCodes.FieldInvalid, (await host.Manager.FindAsync(new InvitationSearch { OrganizationId = filter })).Error?.Code);
        Assert.Equal(InvitationErrorCodes.EmailInvalid, (await host.Manager.FindAsync(new InvitationSearch { Email = "a@" + filter + ".com" })).Error?.Code);
    }

    [SkippableFact]
    public async Task UndefinedChannelOrStateIsATypedError()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var invite = await host.Manager.InviteAsync(ServiceHost.Request(Unique("enum") + "@example.com") with { Channel = (MessageChannel)42, MobileNumber = "+41791234567" });
        Assert.Equal(InvitationErrorCodes.FieldInvalid, invite.Error?.Code);
        Assert.Equal(InvitationErrorCodes.FieldInvalid, (await host.Manager.FindAsync(new InvitationSearch { State = (InvitationState)42 })).Error?.Code);
    }

    [SkippableFact]
    public async Task LoneSurrogateInAnEmailDomainIsATypedErrorEverywhere()
    {
        if (NotRun())
        {
            return;
        }

        // Built here, not in an InlineData row: xUnit's serialization of theory rows replaces a lone surrogate.
        var address = "jane@exa" + '\uD800' + "mple.com";
        Assert.Equal(9, address.IndexOf('\uD800', StringComparison.Ordinal) + 1);
        using var host = NewHost();
        Assert.Equal(InvitationErrorCodes.EmailInvalid, (await host.Manager.InviteAsync(ServiceHost.Request(address))).Error?.Code);
        Assert.Equal(InvitationErrorCodes.EmailInvalid, (await host.Manager.FindAsync(new InvitationSearch { Email = address })).Error?.Code);
        Assert.Equal(InvitationErrorCodes.EmailInvalid, (await host.Erasure.EraseAsync(address)).Error?.Code);

        var invited = await host.Manager.InviteAsync(ServiceHost.Request(Unique("same") + "@example.com") with { AllowSameEmailOnly = true });
        var accepted = await host.Redemption.AcceptAsync(ServiceHost.TokenOf(invited.Value.Link!), new AcceptRequest("sub-1") { Email = address });
        Assert.Equal(InvitationErrorCodes.SameEmailRequired, accepted.Error?.Code);
    }

    [SkippableFact]
    public async Task SearchByEmailIgnoresCaseLikeInviteAndErase()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var local = "Jane." + Guid.NewGuid().ToString("N")[..12];
        var invited = await host.Manager.InviteAsync(ServiceHost.Request(local + "@Example.com"));
        Assert.True(invited.IsSuccess, invited.ToString());

        var found = await host.Manager.FindAsync(new InvitationSearch { Email = local.ToUpperInvariant() + "@EXAMPLE.COM" });

        Assert.Equal(invited.Value.Invitation.Id, Assert.Single(found.Value.Items).Id);
        Assert.Equal(1, (await host.Erasure.EraseAsync(local.ToLowerInvariant() + "@example.com")).Value.Invitations);
    }

    [SkippableFact]
    public async Task GrantsAndFieldsOverTheTotalLimitAndLongImageUrlsAreTypedErrors()
    {
        if (NotRun())
        {
            return;
        }

        using var host = NewHost();
        var fields = Enumerable.Range(0, 10).ToDictionary(i => $"f{i}", _ => new string('v', 2000));
        var big = await host.Manager.InviteAsync(ServiceHost.Request(Unique("big") + "@example.com") with { CustomFields = fields });
        Assert.Equal(InvitationErrorCodes.FieldInvalid, big.Error?.Code);

        var fits = await host.Manager.InviteAsync(ServiceHost.Request(Unique("fits") + "@example.com") with { CustomFields = fields.Take(8).ToDictionary() });
        Assert.True(fits.IsSuccess, fits.ToString());
        var facts = await host.Manager.ListFactsAsync(fits.Value.Invitation.Id);
        Assert.All(facts, f => Assert.True(InvitationJson.SerializeFactToString(f).Length < 64 * 1024));

        var image = "https://cdn.example.com/" + new string('a', 2100) + ".png";
        var branded = await host.Manager.InviteAsync(ServiceHost.Request(Unique("img") + "@example.com") with { Branding = new InvitationBranding { HeaderImage = image } });
        Assert.Equal(InvitationErrorCodes.FieldInvalid, branded.Error?.Code);
    }
}
