namespace Invitations;

/// <summary>
/// Templates registered by the host and the engine's limits (<see cref="InvitationsOptions.Templates"/>). A host
/// template replaces the built-in one with the same key, channel and locale.
/// </summary>
public sealed class InvitationTemplateOptions
{
    /// <summary>Templates given as Liquid source (from code, or inline in configuration).</summary>
    /// <value>The default is empty.</value>
    public IList<TemplateDefinition> Definitions { get; } = [];

    /// <summary>
    /// Templates read from files when the options are built (a directory, or one file per part), the form to use in
    /// configuration. A missing file fails startup with its path.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<TemplateFileSource> Files { get; } = [];

    /// <summary>Template engine limits.</summary>
    /// <value>The default is <see cref="TemplateLimits"/>' own defaults.</value>
    public TemplateLimits Limits { get; set; } = new();
}
