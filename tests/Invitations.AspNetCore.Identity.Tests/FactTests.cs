using Invitations.AspNetCore.Identity.Tests.Support;
using Invitations.EntityFrameworkCore;
using Invitations.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Identity.Tests;

public sealed class FactTests
{
    private const string Password = "Unmistakable-Secret-42";
    private const string WeakPassword = "ZZweakishZZ";

    [Fact]
    public async Task Account_created_is_saved_in_the_acceptances_write_in_cidaas_shape()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();

        var result = await host.RegisterAsync(new InvitationRegistration { Token = token, Password = Password, GivenName = "Robert", RequestId = "req-77" });

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var facts = await host.Store.ListFactsAsync(id, CancellationToken.None);
        var accepted = facts.Single(f => f.Type == FactTypes.InviteAccepted);
        var created = facts.Single(f => f.Type == FactTypes.AccountCreated);
        created.Type.Should().Be("ACCOUNT_CREATED_WITH_CIDAAS_IDENTITY");
        created.ObjectType.Should().Be("users");
        created.Sequence.Should().Be(accepted.Sequence + 1, "both come from one transition, ordered after INVITE_ACCEPTED");
        created.Attributes.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["_id"] = id.ToString(),
            ["provider"] = "self",
            ["requestId"] = "req-77",
            ["sub"] = result.User!.Id,
        });
        created.Request.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["username"] = "bob@example.com",
            ["email"] = "bob@example.com",
            ["given_name"] = "Robert",
        });
        created.OldValue.Should().BeNull();
        created.NewValue.Should().BeNull();
        (await host.InvitationAsync(id)).FactSequence.Should().Be(created.Sequence);
    }

    [Fact]
    public async Task A_refused_acceptance_saves_neither_fact()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();

        (await host.RegisterAsync(token)).Succeeded.Should().BeFalse();

        var facts = await host.Store.ListFactsAsync(id, CancellationToken.None);
        facts.Count(f => f.Type == FactTypes.AccountCreated).Should().Be(1);
        facts.Count(f => f.Type == FactTypes.InviteAccepted).Should().Be(1);
    }

    [Fact]
    public async Task A_fact_with_a_request_round_trips_through_json()
    {
        await using var host = await IdentityHost.StartAsync();
        var (id, token) = await host.InviteAsync();
        (await host.RegisterAsync(token)).Succeeded.Should().BeTrue();
        var created = (await host.Store.ListFactsAsync(id, CancellationToken.None)).Single(f => f.Type == FactTypes.AccountCreated);

        var json = InvitationJson.SerializeFactToString(created);
        var back = InvitationJson.DeserializeFact(json);

        json.Should().Contain("\"request\":{\"username\":\"bob@example.com\"");
        back.Request.Should().BeEquivalentTo(created.Request);
        back.Attributes.Should().BeEquivalentTo(created.Attributes);
        InvitationJson.SerializeFactToString(back).Should().Be(json);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_password_is_in_no_fact_no_outbox_payload_and_no_log_line(bool efInvitationStore)
    {
        await using var host = await IdentityHost.StartAsync(efInvitationStore: efInvitationStore);
        var (id, token) = await host.InviteAsync();
        (await host.RegisterAsync(token, password: WeakPassword)).Succeeded.Should().BeFalse();

        (await host.RegisterAsync(token, password: Password)).Succeeded.Should().BeTrue();

        foreach (var fact in await host.Store.ListFactsAsync(id, CancellationToken.None))
        {
            InvitationJson.SerializeFactToString(fact).Should().NotContain(Password).And.NotContain(token);
        }

        host.Logs.GetSnapshot().Should().NotBeEmpty();
        foreach (var record in host.Logs.GetSnapshot())
        {
            var line = record.Message + " " + string.Join(" ", record.StructuredState?.Select(p => p.Value) ?? []) + " " + record.Exception;
            line.Should().NotContain(Password).And.NotContain(WeakPassword).And.NotContain(token);
        }

        if (efInvitationStore)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TestDb>();
            var payloads = await db.Database.SqlQueryRaw<string>("SELECT COALESCE(payload, '') AS \"Value\" FROM invitation_outbox").ToListAsync();
            payloads.Should().Contain(p => p.Contains(FactTypes.AccountCreated));
            payloads.Should().OnlyContain(p => !p.Contains(Password));
        }
        else
        {
            var store = (InMemoryInvitationStore)host.Store.Inner;
            store.SnapshotOutbox().Should().Contain(i => i.Fact != null && i.Fact.Type == FactTypes.AccountCreated);
            foreach (var item in store.SnapshotOutbox())
            {
                (item.Fact is null ? InvitationJson.SerializeMessage(item.Message!) : InvitationJson.SerializeFactToString(item.Fact)).Should().NotContain(Password);
            }
        }
    }
}
