using Invitations.Internal;

namespace Invitations.Core.Tests.Internal;

public sealed class GuidV7Tests
{
    [Fact]
    public void Ids_are_version_7_with_the_rfc_variant_and_the_timestamp_in_the_first_48_bits()
    {
        var ms = new DateTimeOffset(2026, 11, 24, 5, 6, 7, 890, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < 1000; i++)
        {
            var id = GuidV7.New(ms);
            var bytes = id.ToByteArray(bigEndian: true);

            (bytes[6] >> 4).Should().Be(7);
            (bytes[8] >> 6).Should().Be(0b10);
            var stamp = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
            stamp.Should().Be(ms);
#if NET9_0_OR_GREATER
            id.Version.Should().Be(7);
#endif
        }
    }

    [Fact]
    public void Ids_sort_by_time_and_never_repeat_across_pool_refills_and_threads()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<Guid, byte>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                seen.TryAdd(GuidV7.New(NodaTime.Instant.FromUnixTimeMilliseconds(1_700_000_000_000)), 0).Should().BeTrue("74 random bits per id");
            }
        });

        seen.Count.Should().Be(200_000);
        var earlier = GuidV7.New(1_000);
        var later = GuidV7.New(1_001);
        string.CompareOrdinal(earlier.ToString(), later.ToString()).Should().BeNegative("the text form sorts by creation time");
    }

    [Fact]
    public void The_random_bits_differ_between_ids_of_the_same_millisecond()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => GuidV7.New(42)).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Select(g => g.ToByteArray(bigEndian: true)[15]).Distinct().Count().Should().BeGreaterThan(100, "the last byte is uniformly random");
    }
}
