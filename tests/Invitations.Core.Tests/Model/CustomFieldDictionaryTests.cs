using CsCheck;
using Invitations.Core.Tests.Support;

namespace Invitations.Core.Tests.Model;

public class CustomFieldDictionaryTests
{
    private static readonly Gen<string> Key = Gen.String[Gen.Char["aAbB_1 ü"], 0, 4];

    private static readonly Gen<Dictionary<string, string>> Source =
        Gen.Select(Key, Gen.String).Array[0, 12].Select(pairs =>
        {
            var source = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in pairs)
            {
                source.TryAdd(k, v);
            }

            return source;
        });

    [Fact]
    public void A_copy_reads_like_the_dictionary_it_was_copied_from()
    {
        Gen.Select(Source, Key).Sample((source, probe) =>
        {
            var copy = CustomFieldDictionary.Copy(source, int.MaxValue)!;

            copy.Should().Equal(source, "same pairs in the same (insertion) order");
            copy.Count.Should().Be(source.Count);
            copy.Keys.Should().Equal(source.Keys);
            copy.Values.Should().Equal(source.Values);
            copy.ContainsKey(probe).Should().Be(source.ContainsKey(probe));
            copy.TryGetValue(probe, out var value).Should().Be(source.TryGetValue(probe, out var expected));
            value.Should().Be(expected);
            foreach (var (k, v) in source)
            {
                copy[k].Should().Be(v);
            }
        }, iter: 500);
    }

    [Fact]
    public void Empty_sources_share_one_empty_map_and_others_are_compact_whatever_their_size()
    {
        CustomFieldDictionary.Copy(null, 50).Should().BeEmpty();
        CustomFieldDictionary.Copy(new Dictionary<string, string>(), 50).Should().BeSameAs(CustomFieldDictionary.Copy(null, 50));
        CustomFieldDictionary.Copy(Fields(1), int.MaxValue)!.Should().BeOfType<CustomFieldDictionary>();
        CustomFieldDictionary.Copy(Fields(500), int.MaxValue)!.Should().BeOfType<CustomFieldDictionary>().Which["k499"].Should().Be("v499");
    }

    [Fact]
    public void Repeated_keys_are_found_in_small_and_large_maps()
    {
        foreach (var size in new[] { 2, 16, 17, 200 })
        {
            var pairs = Fields(size).ToList();
            ((CustomFieldDictionary)CustomFieldDictionary.Copy(new FaultyDictionary(pairs), int.MaxValue)!).HasDuplicateKeys().Should().BeFalse($"{size} distinct keys");
            pairs.Add(new("k1", "again"));
            ((CustomFieldDictionary)CustomFieldDictionary.Copy(new FaultyDictionary(pairs), int.MaxValue)!).HasDuplicateKeys().Should().BeTrue($"{size} keys and k1 again");
        }
    }

    [Fact]
    public void A_source_whose_count_is_wrong_is_copied_as_it_enumerates()
    {
        var pairs = Fields(5).ToList();

        CustomFieldDictionary.Copy(new FaultyDictionary(pairs, reportedCount: 2), int.MaxValue)!.Should().Equal(pairs);
        CustomFieldDictionary.Copy(new FaultyDictionary(pairs, reportedCount: 9), int.MaxValue)!.Should().Equal(pairs);
        CustomFieldDictionary.Copy(new FaultyDictionary([], reportedCount: 3), int.MaxValue)!.Should().BeEmpty();
    }

    [Fact]
    public void A_copy_stops_reading_one_pair_over_its_limit()
    {
        CustomFieldDictionary.Copy(Fields(3), 3).Should().HaveCount(3);
        CustomFieldDictionary.Copy(Fields(4), 3).Should().BeNull();
        CustomFieldDictionary.Copy(Endless(), 50).Should().BeNull("an endless source is read 51 pairs deep, no further");
        CustomFieldDictionary.Copy(new FaultyDictionary(Fields(4).ToList(), reportedCount: 1), 3).Should().BeNull("the count is only a hint");
    }

    [Fact]
    public void The_enumerator_keeps_the_enumerator_contract()
    {
        var map = (CustomFieldDictionary)CustomFieldDictionary.Copy(Fields(1), 50)!;
        var e = map.GetEnumerator();
        e.Current.Should().Be(default(KeyValuePair<string, string>), "before the first MoveNext");
        var notOnItem = () => ((System.Collections.IEnumerator)e).Current;
        notOnItem.Should().Throw<InvalidOperationException>();
        e.MoveNext().Should().BeTrue();
        e.Current.Should().Be(new KeyValuePair<string, string>("k0", "v0"));
        e.MoveNext().Should().BeFalse();
        e.MoveNext().Should().BeFalse("it stays at the end");
        e.Current.Should().Be(default(KeyValuePair<string, string>));
        e.Reset();
        e.MoveNext().Should().BeTrue();
        default(CustomFieldDictionary.Enumerator).MoveNext().Should().BeFalse();
    }

    [Fact]
    public void Enumerating_the_map_itself_allocates_nothing()
    {
        var map = (CustomFieldDictionary)CustomFieldDictionary.Copy(Fields(3), int.MaxValue)!;
        var total = 0;
        foreach (var (key, value) in map)
        {
            total += key.Length + value.Length; // warm-up
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (key, value) in map)
        {
            total += key.Length + value.Length;
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before, "the fact writer enumerates custom fields on every delivery");
        total.Should().Be(24);
    }

    [Fact]
    public void Keys_are_ordinal_even_when_the_source_ignores_case()
    {
        var source = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Department"] = "R&D" };

        var copy = CustomFieldDictionary.Copy(source, int.MaxValue)!;

        copy.ContainsKey("Department").Should().BeTrue();
        copy.ContainsKey("department").Should().BeFalse();
        var missing = () => copy["department"];
        missing.Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void A_copy_does_not_follow_later_changes_to_its_source()
    {
        var source = new Dictionary<string, string> { ["department"] = "R&D" };

        var copy = CustomFieldDictionary.Copy(source, int.MaxValue)!;
        source["department"] = "Sales";
        source["floor"] = "3";

        copy.Should().Equal(new Dictionary<string, string> { ["department"] = "R&D" });
    }

    private static IReadOnlyDictionary<string, string> Endless() =>
        new FaultyDictionary(new EndlessPairs(), reportedCount: 1);

    private static Dictionary<string, string> Fields(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => "k" + i, i => "v" + i);

    /// <summary>A list of pairs that never ends.</summary>
    private sealed class EndlessPairs : IReadOnlyList<KeyValuePair<string, string>>
    {
        public int Count => 1;

        public KeyValuePair<string, string> this[int index] => new("k" + index, "v");

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            for (var i = 0; ; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
