using System.Collections;
using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.Validation;

/// <summary>
/// The validator copies a request's groups, roles and custom fields before it checks them, so what is checked is
/// what is stored. Collections here misbehave on purpose: they change after their first enumeration, repeat a
/// key, or hold a null key.
/// </summary>
public sealed class CollectionCopyTests
{
    [Fact]
    public async Task Custom_fields_that_change_after_they_are_read_are_stored_as_they_were_checked()
    {
        using var host = new TestHost();
        var fields = new FaultyDictionary([new("department", "R&D")], [new("department", "R&D"), new("evil key", "\u0000\r\nBcc: x@evil.com")]);

        var result = await host.InviteAsync(TestHost.Request() with { CustomFields = fields });

        var stored = (await host.Store.FindAsync(result.Invitation.Id, default))!;
        stored.CustomFields.Should().Equal(new Dictionary<string, string> { ["department"] = "R&D" });
        fields.Enumerations.Should().Be(1, "the request's fields are read once");
    }

    [Fact]
    public async Task Groups_that_change_after_they_are_read_are_stored_as_they_were_checked()
    {
        using var host = new TestHost();
        var groups = new ShiftingList(["staff"], ["staff", "bad\r\ngroup"]);

        var result = await host.InviteAsync(TestHost.Request() with { Groups = groups });

        var stored = (await host.Store.FindAsync(result.Invitation.Id, default))!;
        stored.Groups.Should().Equal("staff");
    }

    [Fact]
    public async Task Roles_are_stored_as_a_copy_the_caller_cannot_change()
    {
        using var host = new TestHost();
        var roles = new List<string> { "editor" };

        var result = await host.InviteAsync(TestHost.Request() with { Roles = roles });
        roles[0] = "owner";

        var stored = (await host.Store.FindAsync(result.Invitation.Id, default))!;
        stored.Roles.Should().Equal("editor");
        stored.Roles.Should().NotBeSameAs(roles);
    }

    [Theory]
    [InlineData("groups")]
    [InlineData("roles")]
    public async Task A_list_longer_than_its_limit_is_field_invalid_whatever_count_it_reports(string field)
    {
        using var host = new TestHost(o => o.Limits.MaxGroupsOrRoles = 3);
        var tooMany = new MisreportingList(["a", "b", "c", "d"], reportedCount: 1);
        var request = field == "groups" ? TestHost.Request() with { Groups = tooMany } : TestHost.Request() with { Roles = tooMany };

        var result = await host.Manager.InviteAsync(request);

        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        result.Error.Message.Should().Contain(field).And.Contain("more than 3");
        host.MemoryStore.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_endless_list_is_read_one_entry_past_the_limit_and_refused()
    {
        using var host = new TestHost(o => o.Limits.MaxGroupsOrRoles = 3);
        var endless = new MisreportingList(Endless(), reportedCount: 1);

        var result = await host.Manager.InviteAsync(TestHost.Request() with { Groups = endless });

        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        endless.Read.Should().Be(4);
    }

    [Fact]
    public async Task A_list_reporting_more_than_it_holds_is_stored_as_it_enumerates()
    {
        using var host = new TestHost(o => o.Limits.MaxGroupsOrRoles = 3);

        var result = await host.InviteAsync(TestHost.Request() with { Groups = new MisreportingList(["staff"], reportedCount: 1_000) });

        (await host.Store.FindAsync(result.Invitation.Id, default))!.Groups.Should().Equal("staff");
    }

    [Fact]
    public async Task A_repeated_custom_field_key_is_field_invalid_and_nothing_is_written()
    {
        using var host = new TestHost();
        var fields = new FaultyDictionary([new("department", "R&D"), new("department", "Sales")], null);

        var result = await host.Manager.InviteAsync(TestHost.Request() with { CustomFields = fields });

        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        result.Error.Message.Should().Contain("more than once");
        host.MemoryStore.Count.Should().Be(0);
        host.MemoryStore.SnapshotOutbox().Should().BeEmpty();
    }

    [Fact]
    public async Task A_null_custom_field_key_is_field_invalid_and_not_an_exception()
    {
        using var host = new TestHost();
        var fields = new FaultyDictionary([new(null!, "x")], null);

        var result = await host.Manager.InviteAsync(TestHost.Request() with { CustomFields = fields });

        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        host.MemoryStore.Count.Should().Be(0);
    }

    /// <summary>A faulty read-only list: reads <c>first</c> until it has been enumerated once, then <c>later</c>.</summary>
    private sealed class ShiftingList(string[] first, string[] later) : IReadOnlyList<string>
    {
        private bool _enumerated;

        private string[] Current => _enumerated ? later : first;

        public int Count => Current.Length;

        public string this[int index] => Current[index];

        public IEnumerator<string> GetEnumerator()
        {
            var items = Current;
            _enumerated = true;
            return ((IEnumerable<string>)items).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static IEnumerable<string> Endless()
    {
        for (var i = 0; ; i++)
        {
            yield return "group" + i;
        }
    }

    /// <summary>A read-only list whose count is wrong; counts the entries read from it.</summary>
    private sealed class MisreportingList(IEnumerable<string> items, int reportedCount) : IReadOnlyList<string>
    {
        public int Read { get; private set; }

        public int Count => reportedCount;

        public string this[int index] => items.ElementAt(index);

        public IEnumerator<string> GetEnumerator()
        {
            foreach (var item in items)
            {
                Read++;
                yield return item;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
