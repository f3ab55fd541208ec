namespace Invitations.Sms.Internal;

/// <summary>The most an SMS text may cost: <see cref="HttpSmsOptions.MaxLength"/> code units and <see cref="HttpSmsOptions.MaxSegments"/> segments.</summary>
/// <param name="MaxLength">The most UTF-16 code units.</param>
/// <param name="MaxSegments">The most segments.</param>
internal readonly record struct SmsBudget(int MaxLength, int MaxSegments)
{
    /// <summary>Whether the text made of the three pieces, in order, fits.</summary>
    /// <param name="head">The first piece.</param>
    /// <param name="middle">The second piece.</param>
    /// <param name="tail">The third piece.</param>
    /// <returns>True when it fits.</returns>
    public bool Fits(ReadOnlySpan<char> head, ReadOnlySpan<char> middle = default, ReadOnlySpan<char> tail = default)
    {
        if (head.Length + middle.Length + tail.Length > MaxLength)
        {
            return false;
        }

        var counter = default(SmsSegmentCounter);
        counter.Append(head);
        counter.Append(middle);
        counter.Append(tail);
        return counter.Result.Segments <= MaxSegments;
    }
}
