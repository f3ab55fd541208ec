using Invitations.Templates;

namespace Invitations.Benchmarks.Fixtures;

/// <summary>
/// The library's own render path for one invitation e-mail: resolve the compiled template, build the
/// template model from the stored invitation (TemplateModel.Create), render subject + HTML + text with a
/// TemplateRenderer. This is what MessageComposer does inside InviteAsync, minus the OutgoingMessage record.
/// </summary>
public sealed class OurRenderer
{
    private readonly TemplateCatalog _catalog;
    private readonly InvitationsOptions _options;
    private readonly TemplateRenderer _renderer;

    public OurRenderer(IServiceProvider services)
    {
        _catalog = (TemplateCatalog)services.GetService(typeof(TemplateCatalog))!;
        _options = ((Microsoft.Extensions.Options.IOptions<InvitationsOptions>)services.GetService(typeof(Microsoft.Extensions.Options.IOptions<InvitationsOptions>))!).Value;
        _renderer = new TemplateRenderer(_catalog.Limits, NodaTime.SystemClock.Instance);
    }

    public (string Subject, string? Html, string Text) Render(InvitationData d, string link)
    {
        if (!_catalog.TryResolve(d.TemplateKey, d.Channel, d.Locale, out var template))
        {
            throw new InvalidOperationException("template not found");
        }

        var model = TemplateModel.Create(d, link, _options.Defaults.AccountName);
        var r = _renderer.Render(template, model);
        return (r.Subject, r.Html, r.Text);
    }

    /// <summary>The compiled template of <paramref name="key"/> on <paramref name="channel"/> in <paramref name="locale"/>, as the composer resolves it.</summary>
    internal CompiledTemplate Resolve(string key, MessageChannel channel, string? locale) =>
        _catalog.TryResolve(key, channel, locale, out var template) ? template : throw new InvalidOperationException("template not found");

    /// <summary>Renders a model the caller built (the database floor builds it from its request, not from an <see cref="InvitationData"/>).</summary>
    internal RenderedTemplate Render(CompiledTemplate template, TemplateModel model) => _renderer.Render(template, model);
}
