using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Invitations;

/// <summary>
/// The attributes of a fact the library creates: <c>_id</c> (derived from the invitation id when read)
/// followed by at most two more pairs, held in fields. Every fact carries one, and the in-memory store
/// keeps delivered facts for their retention, so this replaces a dictionary and an id string per fact.
/// </summary>
public sealed class FactAttributeDictionary : IReadOnlyDictionary<string, string>
{
    /// <summary>The most extra pairs this type holds; facts with more use a dictionary.</summary>
    public const int MaxExtra = 2;

    private const string IdKey = "_id";
    private readonly InvitationId _id;
    private readonly int _count;
    private readonly string? _key1;
    private readonly string? _value1;
    private readonly string? _key2;
    private readonly string? _value2;

    /// <summary>Creates the attributes of a fact about <paramref name="id"/>: <c>_id</c>, then <paramref name="extra"/> in order.</summary>
    /// <param name="id">The invitation the fact is about; <c>_id</c> is its text.</param>
    /// <param name="extra">At most <see cref="MaxExtra"/> more pairs, with distinct keys other than <c>_id</c>, no nulls.</param>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxExtra"/> pairs.</exception>
    /// <exception cref="ArgumentException">A repeated key, or <c>_id</c>.</exception>
    public FactAttributeDictionary(InvitationId id, params ReadOnlySpan<(string Key, string Value)> extra)
    {
        if (extra.Length > MaxExtra)
        {
            throw new ArgumentOutOfRangeException(nameof(extra), extra.Length, $"At most {MaxExtra} extra attributes.");
        }

        _id = id;
        _count = 1 + extra.Length;
        if (extra.Length > 0)
        {
            (_key1, _value1) = Checked(extra[0]);
        }

        if (extra.Length > 1)
        {
            (_key2, _value2) = Checked(extra[1]);
            if (string.Equals(_key1, _key2, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate attribute '{_key2}'.", nameof(extra));
            }
        }
    }

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>The invitation id that <c>_id</c> is derived from.</summary>
    internal InvitationId InvitationId => _id;

    /// <summary>The extra pairs after <c>_id</c>, in order (for writers that avoid the enumerator).</summary>
    internal int ExtraCount => _count - 1;

    /// <summary>The extra pair at <paramref name="index"/> (0 or 1).</summary>
    internal (string Key, string Value) Extra(int index) => index switch
    {
        0 when _count > 1 => (_key1!, _value1!),
        1 when _count > 2 => (_key2!, _value2!),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <inheritdoc />
    public IEnumerable<string> Keys => this.Select(static p => p.Key);

    /// <inheritdoc />
    public IEnumerable<string> Values => this.Select(static p => p.Value);

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The attribute '{key}' is not present.");

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = string.Equals(key, IdKey, StringComparison.Ordinal) ? IdText()
            : _count > 1 && string.Equals(key, _key1, StringComparison.Ordinal) ? _value1
            : _count > 2 && string.Equals(key, _key2, StringComparison.Ordinal) ? _value2
            : null;
        return value is not null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        yield return new(IdKey, IdText());
        if (_count > 1)
        {
            yield return new(_key1!, _value1!);
        }

        if (_count > 2)
        {
            yield return new(_key2!, _value2!);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static (string, string) Checked((string Key, string Value) pair)
    {
        ArgumentNullException.ThrowIfNull(pair.Key);
        ArgumentNullException.ThrowIfNull(pair.Value);
        return string.Equals(pair.Key, IdKey, StringComparison.Ordinal) ? throw new ArgumentException("'_id' is always the invitation id.", nameof(pair)) : pair;
    }

    private string IdText() => _id.ToString();
}
