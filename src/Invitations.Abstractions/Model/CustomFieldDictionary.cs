using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Invitations;

/// <summary>
/// An immutable string-to-string map for an invitation's custom fields: keys and values in one array, ordinal
/// keys, insertion order, linear lookup. One field costs 64 B where a copied <see cref="Dictionary{TKey, TValue}"/>
/// costs about 220 B, and a stored invitation keeps it for its whole life. Lookups are linear: templates read a
/// few fields per message, and <c>InvitationLimitOptions.MaxCustomFields</c> (50 by default) bounds the scan.
/// </summary>
public sealed class CustomFieldDictionary : IReadOnlyDictionary<string, string>
{
    private readonly string[] _items;

    private CustomFieldDictionary(string[] items)
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

    /// <summary>
    /// An immutable copy of what <paramref name="source"/> enumerates, as it enumerates it: the count it reports is
    /// only a hint, read once. Keys and values are copied as they are, nulls and repeated keys included, so the
    /// validator checks the copy and what is checked is what is stored. Returns null, without reading further, as
    /// soon as the source yields more than <paramref name="maxCount"/> pairs.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? source, int maxCount)
    {
        if (source is null)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var items = new string[Math.Clamp(source.Count, 0, Math.Min(maxCount, 64)) * 2];
        var length = 0;
        if (source is Dictionary<string, string> dictionary)
        {
            foreach (var (key, value) in dictionary) // the struct enumerator: a request's usual dictionary boxes none
            {
                if (!Add(key, value))
                {
                    return null;
                }
            }
        }
        else
        {
            foreach (var (key, value) in source)
            {
                if (!Add(key, value))
                {
                    return null;
                }
            }
        }

        if (length < items.Length)
        {
            Array.Resize(ref items, length);
        }

        return length == 0 ? ReadOnlyDictionary<string, string>.Empty : new CustomFieldDictionary(items);

        // False once the source yields more than maxCount pairs.
        bool Add(string key, string value)
        {
            if (length == maxCount * 2L)
            {
                return false;
            }

            if (length == items.Length)
            {
                Array.Resize(ref items, (int)Math.Min(Math.Max(items.Length * 2L, 8), maxCount * 2L));
            }

            items[length++] = key;
            items[length++] = value;
            return true;
        }
    }

    /// <summary>Whether a key occurs twice (only a faulty source dictionary can produce that).</summary>
    public bool HasDuplicateKeys()
    {
        if (Count <= 16)
        {
            // Pairwise for the usual handful of fields: no allocation on the invite path.
            for (var i = 0; i < _items.Length; i += 2)
            {
                for (var j = i + 2; j < _items.Length; j += 2)
                {
                    if (string.Equals(_items[i], _items[j], StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        var seen = new HashSet<string?>(StringComparer.Ordinal);
        for (var i = 0; i < _items.Length; i += 2)
        {
            if (!seen.Add(_items[i]))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>The pairs in insertion order; <c>foreach</c> over a <see cref="CustomFieldDictionary"/> allocates nothing.</summary>
    public Enumerator GetEnumerator() => new(_items);

    /// <inheritdoc />
    IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => GetEnumerator();

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

    /// <summary>Enumerates the pairs of a <see cref="CustomFieldDictionary"/> in insertion order.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, string>>
    {
        private readonly string[] _items;
        private int _index;

        internal Enumerator(string[] items)
        {
            _items = items;
            _index = -2;
        }

        /// <summary>The current pair; <c>default</c> before the first <see cref="MoveNext"/> and after the last.</summary>
        public readonly KeyValuePair<string, string> Current => OnItem ? new(_items[_index], _items[_index + 1]) : default;

        /// <inheritdoc />
        readonly object IEnumerator.Current => OnItem ? Current : throw new InvalidOperationException("The enumerator is not on an item.");

        private readonly bool OnItem => _items is not null && (uint)_index < (uint)_items.Length;

        /// <inheritdoc />
        public bool MoveNext()
        {
            var length = _items?.Length ?? 0;
            if (_index < length)
            {
                _index += 2;
            }

            return _index < length;
        }

        /// <inheritdoc />
        public void Reset() => _index = -2;

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
