namespace Invitations.Templates.Engine;

/// <summary>A render error with the line and column of the innermost tag it happened in (Fluid's syntax tree has no positions).</summary>
internal sealed class LocatedException : Exception
{
    public LocatedException()
    {
    }

    public LocatedException(string message)
        : base(message)
    {
    }

    public LocatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocatedException(int line, int column, Exception innerException)
        : base(innerException?.Message, innerException)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line of the tag.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the tag.</summary>
    public int Column { get; }
}
