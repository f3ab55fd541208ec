namespace Invitations.Templates;

/// <summary>The names of template parts used in error messages.</summary>
internal static class TemplateParts
{
    public const string Subject = "subject";
    public const string Html = "html";
    public const string Text = "text";
}
