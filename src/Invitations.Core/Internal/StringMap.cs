using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Invitations.Internal;

/// <summary>
/// An immutable string-to-string map for the few custom fields an invitation usually carries: keys and
/// values in one array, ordinal keys, insertion order, linear lookup. One field costs 64 B where a copied
/// <see cref="Dictionary{TKey, TValue}"/> costs about 220 B, and a stored invitation keeps it for its whole
/// life. <see cref="Copy"/> picks a dictionary for larger maps, where linear lookup would stop paying.
/// </summary>
internal sealed class StringMap : IReadOnlyDictionary<string, string>
{
    /// <summary>Maps up to this many entries are stored as a <see cref="StringMap"/>.</summary>
    public const int MaxLinearCount = 8;

    private readonly string[] _items;

    private StringMap(string[] items)
    {
        _items = items;
    }

    /// <inheritdoc />
    public int Count => _items.Length / 2;

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _items.Length; i += 2)
            {
                yield return _items[i];
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> Values
    {
        get
        {
            for (var i = 1; i < _items.Length; i += 2)
            {
                yield return _items[i];
            }
        }
    }

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' was not found.");

    /// <summary>An immutable copy with ordinal keys: empty, a <see cref="StringMap"/>, or a dictionary for large maps.</summary>
    public static IReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string>? source)
    {
        if (source is null || source.Count == 0)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        if (source.Count > MaxLinearCount)
        {
            return new Dictionary<string, string>(source, StringComparer.Ordinal);
        }

        var items = new string[source.Count * 2];
        var i = 0;
        foreach (var (key, value) in source)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (i == items.Length)
            {
                throw new InvalidOperationException("The map changed while it was copied.");
            }

            items[i++] = key;
            items[i++] = value;
        }

        return i == items.Length ? new StringMap(items) : throw new InvalidOperationException("The map changed while it was copied.");
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _items[index + 1] : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _items.Length; i += 2)
        {
            yield return new KeyValuePair<string, string>(_items[i], _items[i + 1]);
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _items.Length; i += 2)
        {
            if (string.Equals(_items[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
