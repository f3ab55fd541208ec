namespace Invitations.Sms.Internal;

/// <summary>
/// Counts the segments of a text fed to it in pieces, for GSM-7 and UCS-2 at once, so that one character outside GSM-7
/// switches the whole text to UCS-2 without a second pass.
/// </summary>
/// <remarks>
/// A text that fits one segment (160 septets, 70 UCS-2 code units) is one; a longer one is concatenated and every
/// segment loses room to the user data header (153 septets, 67 code units). Segments are packed in order, and an item
/// that does not fit in what is left of a segment starts the next one: an extension character (ESC + septet) and a
/// surrogate pair are never split across two segments, which is what careful gateways do and is never an under-count
/// for the others. Packing is monotone: removing characters anywhere never adds a segment, which is what lets
/// <see cref="SmsText"/> search for the longest prefix that fits.
/// </remarks>
internal struct SmsSegmentCounter
{
    /// <summary>Septets in a single GSM-7 SMS.</summary>
    public const int Gsm7Single = 160;

    /// <summary>Septets per segment of a concatenated GSM-7 SMS.</summary>
    public const int Gsm7Part = 153;

    /// <summary>Code units in a single UCS-2 SMS.</summary>
    public const int Ucs2Single = 70;

    /// <summary>Code units per segment of a concatenated UCS-2 SMS.</summary>
    public const int Ucs2Part = 67;

    private bool _ucs2;
    private int _length;
    private int _septets;
    private int _gsmParts;
    private int _gsmFill;
    private int _ucsParts;
    private int _ucsFill;

    /// <summary>Measures one text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its cost.</returns>
    public static SmsMeasure Measure(ReadOnlySpan<char> text)
    {
        var counter = default(SmsSegmentCounter);
        counter.Append(text);
        return counter.Result;
    }

    /// <summary>The cost of everything appended so far.</summary>
    public readonly SmsMeasure Result => _ucs2
        ? new(SmsEncoding.Ucs2, _length, _length <= Ucs2Single ? 1 : _ucsParts)
        : new(SmsEncoding.Gsm7, _length, _septets <= Gsm7Single ? 1 : _gsmParts);

    /// <summary>Appends the next piece of the text.</summary>
    /// <param name="piece">The piece; a surrogate pair split between two pieces counts as two lone code units.</param>
    public void Append(ReadOnlySpan<char> piece)
    {
        _length += piece.Length;
        for (var i = 0; i < piece.Length; i++)
        {
            var c = piece[i];
            var units = char.IsHighSurrogate(c) && i + 1 < piece.Length && char.IsLowSurrogate(piece[i + 1]) ? 2 : 1;
            i += units - 1;
            Pack(ref _ucsParts, ref _ucsFill, units, Ucs2Part);
            if (_ucs2)
            {
                continue;
            }

            var septets = units == 1 ? Gsm7.Septets(c) : 0;
            if (septets == 0)
            {
                _ucs2 = true;
                continue;
            }

            _septets += septets;
            Pack(ref _gsmParts, ref _gsmFill, septets, Gsm7Part);
        }
    }

    private static void Pack(ref int parts, ref int fill, int size, int partSize)
    {
        if (parts == 0 || fill + size > partSize)
        {
            parts++;
            fill = size;
        }
        else
        {
            fill += size;
        }
    }
}
