using System.Runtime.CompilerServices;

namespace Invitations.Templates;

/// <summary>
/// Parses the templates of one options instance once: startup validation builds the catalog (so a syntax
/// error stops the host) and the <see cref="TemplateCatalog"/> singleton reuses that same catalog.
/// </summary>
internal static class TemplateCatalogCache
{
    private static readonly ConditionalWeakTable<InvitationsOptions, TemplateCatalog> Catalogs = new();

    /// <exception cref="InvitationTemplateException">A template does not parse.</exception>
    public static TemplateCatalog For(InvitationsOptions options) =>
        Catalogs.GetValue(options, static o => new TemplateCatalog(o.Templates.Definitions, o.Templates.Limits));
}
