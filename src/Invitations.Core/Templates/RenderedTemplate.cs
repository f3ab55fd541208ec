namespace Invitations.Templates;

/// <summary>The result of rendering a template: subject (empty for SMS), HTML body (null for SMS or text-only e-mail) and text body.</summary>
/// <param name="Subject">The single-line subject; empty for SMS.</param>
/// <param name="Html">The HTML body, or null.</param>
/// <param name="Text">The plain-text body; for SMS the whole (length-capped) message.</param>
internal readonly record struct RenderedTemplate(string Subject, string? Html, string Text);
