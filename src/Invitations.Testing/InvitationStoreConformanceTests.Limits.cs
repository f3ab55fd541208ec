using Invitations.Validation;
using Xunit;

namespace Invitations.Testing;

/// <summary>Conformance tests: every value the validator accepts fits the store, and the e-mail filter ignores case.</summary>
public abstract partial class InvitationStoreConformanceTests
{
    /// <summary>
    /// Values at the validator's limits (the one table both the validator and the Entity Framework Core model read)
    /// are stored and read back unchanged, and an inviter id of the full length is found by the inviter filter.
    /// </summary>
    [SkippableFact]
    public async Task ValuesAtTheValidatorsLimitsRoundTrip()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var inviter = Unique("i") + new string('i', FieldLimits.ActorId - Unique("i").Length);
        var org = Unique("o") + new string('o', FieldLimits.Name - Unique("o").Length);
        var local = new string('l', 64);
        var email = local + "@" + new string('d', FieldLimits.Email - 64 - 1 - 4 - 10) + _run[..10] + ".com";
        var invitation = NewInvitation() with
        {
            InvitedById = inviter,
            OrganizationId = org,
            Email = email,
            DeliveryAddress = email,
            RecipientKey = "rk1:" + new string('f', 64),
            Locale = new string('x', FieldLimits.Locale),
            TimeZone = new string('z', FieldLimits.TimeZone),
            ClientId = new string('c', FieldLimits.ConfiguredKey),
            TemplateKey = new string('t', FieldLimits.ConfiguredKey),
            IdempotencyKey = inviter + "\n" + new string('k', FieldLimits.IdempotencyKey),
            AcceptedSubjectId = new string('s', FieldLimits.ActorId),
        };
        Assert.Equal(FieldLimits.Email, email.Length);
        Assert.Equal(FieldLimits.StoredIdempotencyKey, invitation.IdempotencyKey.Length);

        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [], Ct));

        var read = await store.FindAsync(invitation.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(invitation.InvitedById, read.InvitedById);
        Assert.Equal(invitation.OrganizationId, read.OrganizationId);
        Assert.Equal(invitation.Email, read.Email);
        Assert.Equal(invitation.IdempotencyKey, read.IdempotencyKey);
        Assert.Equal(invitation.Locale, read.Locale);
        Assert.Equal(invitation.TimeZone, read.TimeZone);
        var page = await store.QueryAsync(new InvitationQuery { InvitedById = inviter, AsOf = T0 }, Ct);
        Assert.Equal([invitation.Id], page.Items.Select(i => i.Id));
    }

    /// <summary>The e-mail filter compares case-insensitively, like <see cref="IInvitationStore.FindByAddressAsync"/>.</summary>
    [SkippableFact]
    public async Task QueryByEmailIgnoresCase()
    {
        if (await StartAsync() is not { } store)
        {
            return;
        }

        var invitation = NewInvitation(recipient: "Jane.Doe." + Guid.NewGuid().ToString("N"));
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [], Ct));

        var upper = await store.QueryAsync(new InvitationQuery { Email = invitation.Email!.ToUpperInvariant(), AsOf = T0 }, Ct);
        var lower = await store.QueryAsync(new InvitationQuery { Email = invitation.Email.ToLowerInvariant(), AsOf = T0 }, Ct);

        Assert.Equal([invitation.Id], upper.Items.Select(i => i.Id));
        Assert.Equal([invitation.Id], lower.Items.Select(i => i.Id));
    }
}
