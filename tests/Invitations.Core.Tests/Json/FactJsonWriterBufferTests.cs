using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Invitations.Json;
using Invitations.Core.Tests.Domain;
using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.Json;

/// <summary>The fact writer's per-thread buffer holds personal data while it writes and nothing afterwards.</summary>
public sealed class FactJsonWriterBufferTests
{
    private const string Email = "secret.person@example.org";

    [Fact]
    public void After_a_write_that_failed_half_way_the_buffer_holds_no_byte_of_it()
    {
        var data = TransitionTableTests.Data(InvitationState.Initiated, TestHost.Start) with { Email = Email };
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = data.Id, Sequence = 1, OccurredAt = TestHost.Start,
            OldValue = data.ToSnapshotForTest(),
            NewValue = data.ToSnapshotForTest() with { State = (InvitationState)42 },
        };

        FluentActions.Invoking(() => InvitationJson.SerializeFact(fact)).Should().Throw<JsonException>();

        ThreadBuffer().Should().OnlyContain(b => b == 0, "bytes written but never committed are zeroed too");
    }

    [Fact]
    public void A_buffer_that_grows_zeroes_the_array_it_drops_and_clear_zeroes_everything()
    {
        var writer = new ZeroingBufferWriter(16);
        var first = writer.GetMemory(16);
        MemoryMarshal.TryGetArray<byte>(first, out var dropped).Should().BeTrue();
        Encoding.UTF8.GetBytes(Email.AsSpan(0, 16), first.Span);
        writer.Advance(16);

        Encoding.UTF8.GetBytes(Email, writer.GetSpan(Email.Length));
        writer.Advance(Email.Length);

        dropped.Array!.Should().OnlyContain(b => b == 0, "the outgrown array is zeroed before it is dropped");
        Encoding.UTF8.GetString(writer.WrittenSpan).Should().Be(Email[..16] + Email);
        writer.Clear();
        writer.WrittenSpan.Length.Should().Be(0);
        MemoryMarshal.TryGetArray<byte>(writer.GetMemory(), out var current).Should().BeTrue();
        current.Array!.Should().OnlyContain(b => b == 0);
    }

    [Fact]
    public void A_large_fact_leaves_nothing_in_the_buffer_it_grew()
    {
        var data = TransitionTableTests.Data(InvitationState.Initiated, TestHost.Start) with
        {
            Email = Email,
            CustomFields = Enumerable.Range(0, 100).ToDictionary(i => $"field{i}", i => $"{Email} {i}"),
        };
        var fact = new InvitationFact
        {
            Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = data.Id, Sequence = 1, OccurredAt = TestHost.Start,
            NewValue = data.ToSnapshotForTest(),
        };

        InvitationJson.SerializeFact(fact).Length.Should().BeGreaterThan(4096);

        ThreadBuffer().Should().OnlyContain(b => b == 0);
    }

    private static byte[] ThreadBuffer()
    {
        var writer = typeof(InvitationJson).Assembly.GetType("Invitations.Json.FactJsonWriter")!
            .GetField("t_buffer", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null).Should().BeOfType<ZeroingBufferWriter>().Subject;
        return (byte[])typeof(ZeroingBufferWriter).GetField("_buffer", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(writer)!;
    }
}

internal static class SnapshotTestExtensions
{
    public static InvitationSnapshot ToSnapshotForTest(this InvitationData d) => Invitations.Domain.Snapshots.ToSnapshot(d, TestHost.Start);
}
