using System.Collections;

namespace Invitations.Core.Tests.Support;

/// <summary>
/// A read-only dictionary that breaks the rules on purpose, for tests of code that copies one: it yields
/// <c>first</c> on its first enumeration and <c>later</c> (when given) afterwards, may repeat keys or hold a null
/// key, and reports <c>reportedCount</c> (when given) as its count.
/// </summary>
internal sealed class FaultyDictionary(
    IReadOnlyList<KeyValuePair<string, string>> first,
    IReadOnlyList<KeyValuePair<string, string>>? later = null,
    int? reportedCount = null) : IReadOnlyDictionary<string, string>
{
    public int Enumerations { get; private set; }

    public int Count => reportedCount ?? first.Count;

    public IEnumerable<string> Keys => Current.Select(p => p.Key);

    public IEnumerable<string> Values => Current.Select(p => p.Value);

    private IReadOnlyList<KeyValuePair<string, string>> Current => Enumerations == 0 || later is null ? first : later;

    public string this[string key] => Current.First(p => p.Key == key).Value;

    public bool ContainsKey(string key) => Current.Any(p => p.Key == key);

    public bool TryGetValue(string key, out string value)
    {
        value = Current.FirstOrDefault(p => p.Key == key).Value;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        var items = Current;
        Enumerations++;
        return items.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
