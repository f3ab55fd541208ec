using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Invitations;

/// <summary>
/// Reads each <see cref="InvitationTemplateOptions.Files"/> source into a <see cref="TemplateDefinition"/> appended to
/// <see cref="InvitationTemplateOptions.Definitions"/>, once per options instance (after every <c>Configure</c>, so code
/// and configuration can both add sources). Unreadable sources fail startup together, each with its index, key and path.
/// Relative paths resolve against the host's content root (where <c>appsettings.json</c> lives) when there is a host,
/// else against the working directory.
/// </summary>
internal sealed class TemplateFileLoader(IHostEnvironment? environment = null) : IPostConfigureOptions<InvitationsOptions>
{
    private const string SubjectFile = "subject.liquid";
    private const string HtmlFile = "body.html.liquid";
    private const string TextFile = "body.txt.liquid";
    private const string SmsFile = "sms.txt.liquid";

    public void PostConfigure(string? name, InvitationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var templates = options.Templates;
        var problems = new List<string>();
        for (var i = 0; i < templates.Files.Count; i++)
        {
            var source = templates.Files[i];
            var label = $"Templates.Files[{i}] ('{source?.Key}')";
            if (source is null || string.IsNullOrWhiteSpace(source.Key))
            {
                problems.Add($"{label}: Key is required, for example \"INVITE_USER\".");
                continue;
            }

            var sms = source.Channel == MessageChannel.Sms;
            var text = Read(Root(source), source, source.TextBodyFile, sms ? SmsFile : TextFile, label, problems);
            var subject = sms ? null : Read(Root(source), source, source.SubjectFile, SubjectFile, label, problems);
            var html = sms ? null : Read(Root(source), source, source.HtmlBodyFile, HtmlFile, label, problems);
            if (text is not null && (sms || (subject is not null && html is not null)))
            {
                templates.Definitions.Add(TemplateDefinition.FromStrings(source.Key, source.Channel, source.Locale, subject, html, text));
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(InvitationsOptions), problems);
        }
    }

    // The directory a source's relative paths start from: its Directory, itself relative to the content root.
    private string? Root(TemplateFileSource source) =>
        source.Directory is null ? environment?.ContentRootPath
        : environment is null ? source.Directory : Path.Combine(environment.ContentRootPath, source.Directory);

    private static string? Read(string? root, TemplateFileSource source, string? file, string conventional, string label, List<string> problems)
    {
        var path = file is null
            ? source.Directory is null ? null : Path.Combine(root!, conventional)
            : root is null ? file : Path.Combine(root, file);
        if (path is null)
        {
            problems.Add($"{label}: set Directory (holding {conventional}) or the file of this part.");
            return null;
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{label}: template file '{path}' cannot be read ({ex.GetType().Name}); check the path and its permissions.");
            return null;
        }
    }
}
