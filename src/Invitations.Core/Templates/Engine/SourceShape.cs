using System.Globalization;

namespace Invitations.Templates.Engine;

/// <summary>
/// Checks the shape of a template source before Fluid parses it. Fluid's parser and its evaluation of a parsed
/// expression recurse once per level of nesting, with no depth limit of their own: a few hundred nested blocks or
/// parentheses, or an expression of thousands of operators, overflow the stack, which no <c>catch</c> survives and
/// which ends the process. So a source is refused, with its line and column, when a block nests deeper than
/// <see cref="MaxBlockDepth"/>, a bracket deeper than <see cref="MaxBracketDepth"/>, or one tag or output is longer than
/// <see cref="MaxTagLength"/> characters (which bounds the operators of one expression). Each limit is far above what a
/// message needs and far below what overflows a 1 MB stack.
/// </summary>
internal static class SourceShape
{
    public const int MaxBlockDepth = 64;
    public const int MaxBracketDepth = 32;
    public const int MaxTagLength = 2_000;

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal) { "if", "unless", "for", "case", "capture" };

    /// <summary>Null when the source is within the limits; otherwise where and why it is not.</summary>
    public static (int Line, int Column, string Detail)? Check(string source)
    {
        var depth = 0;
        var i = 0;
        while (true)
        {
            var open = source.IndexOf('{', i);
            if (open < 0 || open + 1 >= source.Length)
            {
                return null;
            }

            var kind = source[open + 1];
            if (kind is not ('{' or '%'))
            {
                i = open + 1;
                continue;
            }

            var closer = kind == '{' ? "}}" : "%}";
            var (end, bracketError) = ScanTag(source, open + 2, closer);
            if (bracketError >= 0)
            {
                return At(source, bracketError, string.Create(CultureInfo.InvariantCulture, $"Brackets nest deeper than {MaxBracketDepth} levels."));
            }

            if (end < 0)
            {
                // Unterminated: the parser reports it with its own message.
                return null;
            }

            if (end - open > MaxTagLength)
            {
                return At(source, open, string.Create(CultureInfo.InvariantCulture, $"A tag or output is {end - open} characters long; the limit is {MaxTagLength}."));
            }

            i = end + 2;
            if (kind == '%')
            {
                var name = TagName(source, open + 2, end);
                if (name is "raw" or "comment")
                {
                    // Their content is text, not tags: continue after the closing tag (or let the parser report its absence).
                    var close = source.IndexOf("end" + name, i, StringComparison.Ordinal);
                    i = close < 0 ? source.Length : close;
                }
                else if (Blocks.Contains(name) && ++depth > MaxBlockDepth)
                {
                    return At(source, open, string.Create(CultureInfo.InvariantCulture, $"Blocks nest deeper than {MaxBlockDepth} levels."));
                }
                else if (name.StartsWith("end", StringComparison.Ordinal) && Blocks.Contains(name[3..]))
                {
                    depth = Math.Max(0, depth - 1);
                }
            }
        }
    }

    /// <summary>The index of the closer (-1 when missing), and the index of a bracket nested too deep (-1 when none).</summary>
    private static (int End, int BracketError) ScanTag(string source, int start, string closer)
    {
        var brackets = 0;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c is '"' or '\'')
            {
                var close = source.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return (-1, -1);
                }

                i = close;
            }
            else if (c is '(' or '[' && ++brackets > MaxBracketDepth)
            {
                return (i, i);
            }
            else if (c is ')' or ']')
            {
                brackets--;
            }
            else if (c == closer[0] && i + 1 < source.Length && source[i + 1] == closer[1])
            {
                return (i, -1);
            }
        }

        return (-1, -1);
    }

    private static string TagName(string source, int start, int end)
    {
        var i = start;
        while (i < end && (source[i] == '-' || char.IsWhiteSpace(source[i])))
        {
            i++;
        }

        var nameStart = i;
        while (i < end && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
        {
            i++;
        }

        return source[nameStart..i];
    }

    private static (int Line, int Column, string Detail) At(string source, int index, string detail)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1, detail);
    }
}
