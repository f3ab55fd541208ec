using System.Globalization;
using System.Text;

namespace Invitations.Templates.Engine;

/// <summary>
/// A <see cref="StringWriter"/> that throws a <see cref="TemplateLimitException"/> once it holds more than its limit,
/// as it writes: an endless output stops early instead of being cut afterwards (a cut message could lose its link or
/// end inside an HTML entity). <see cref="StringWriter"/>'s asynchronous and span overloads all end in the four
/// overloads below.
/// </summary>
internal sealed class LimitedWriter : StringWriter
{
    private readonly int _limit;
    private readonly string _limitName;

    /// <param name="limit">The most characters the writer holds.</param>
    /// <param name="limitName">What the limit is called in the error message.</param>
    public LimitedWriter(int limit, string limitName)
        : base(new StringBuilder(), CultureInfo.InvariantCulture)
    {
        _limit = limit;
        _limitName = limitName;
    }

    /// <summary>The characters written so far.</summary>
    public int Length => GetStringBuilder().Length;

    /// <summary>Empties the writer for the next part, giving back an unusually large buffer.</summary>
    public void Reset(int maxPooledCapacity)
    {
        var builder = GetStringBuilder();
        builder.Clear();
        if (builder.Capacity > maxPooledCapacity)
        {
            builder.Capacity = maxPooledCapacity;
        }
    }

    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    private void Check(int count)
    {
        if (Length + (long)count > _limit)
        {
            throw new TemplateLimitException(
                string.Create(CultureInfo.InvariantCulture, $"The {_limitName} exceeds the limit of {_limit} characters."));
        }
    }
}
