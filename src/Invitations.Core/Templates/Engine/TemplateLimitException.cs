namespace Invitations.Templates.Engine;

/// <summary>A render went past one of the <see cref="TemplateLimits"/>; the message names the limit to raise.</summary>
internal sealed class TemplateLimitException : Exception
{
    public TemplateLimitException()
        : this("The template exceeded a limit.")
    {
    }

    public TemplateLimitException(string message)
        : base(message)
    {
    }

    public TemplateLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
