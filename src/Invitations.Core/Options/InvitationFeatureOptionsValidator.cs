using Invitations.Templates;
using Invitations.Validation;
using Microsoft.Extensions.Options;

namespace Invitations;

/// <summary>
/// The cross-field rules of new links, reminders and short links, kept beside (not in) <see cref="InvitationsOptionsValidator"/>
/// so each feature's rules stay with the feature; reported in the same startup failure.
/// </summary>
internal sealed class InvitationFeatureOptionsValidator : IValidateOptions<InvitationsOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var reminders = options.Reminders;
        if (reminders.Schedule.Any(s => s <= TimeSpan.Zero || s > TimeSpan.FromDays(3650)))
        {
            problems.Add("Reminders.Schedule entries must be positive times before expiry of at most 3650 days, for example 2.00:00:00 (two days before).");
        }

        if (reminders.Schedule.Distinct().Count() != reminders.Schedule.Count)
        {
            problems.Add("Reminders.Schedule must not list the same time twice.");
        }

        if (reminders.Enabled && reminders.Schedule.Count == 0)
        {
            problems.Add("Reminders.Schedule is empty while Reminders.Enabled is true: add a time before expiry such as 2.00:00:00, or disable reminders.");
        }

        if (reminders.Enabled && options.Templates.Limits is not null && !HasTemplate(options, reminders.TemplateKey))
        {
            problems.Add($"Reminders.TemplateKey '{reminders.TemplateKey}' names no template: use the built-in INVITE_REMINDER or register templates under that key.");
        }

        var links = options.Links;
        if ((links.ShortenSms || links.ShortenEmail) && !IsBase(links.ShortLinkBaseUrl))
        {
            problems.Add($"Links.ShortLinkBaseUrl '{links.ShortLinkBaseUrl}' must be an absolute https URL ending in '/' (for example https://app.example.com/i/) when Links.ShortenSms or Links.ShortenEmail is on.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool HasTemplate(InvitationsOptions options, string? key)
    {
        try
        {
            return key is not null && TemplateCatalogCache.For(options).Keys.Contains(key, StringComparer.Ordinal);
        }
        catch (InvitationTemplateException)
        {
            // A template that does not parse is reported by InvitationsOptionsValidator, with its key and line.
            return true;
        }
    }

    private static bool IsBase(string? url) =>
        url is not null && url.EndsWith('/') && TextRules.IsSafeAbsoluteUrl(url, allowHttpLoopback: true)
        && !url.Contains('?', StringComparison.Ordinal) && !url.Contains('#', StringComparison.Ordinal);
}
