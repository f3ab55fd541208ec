using Invitations.Templates;
using Invitations.Validation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations;

/// <summary>
/// Checks the rules that span several options or need more than an attribute (URLs, time zones, client ids, templates)
/// and reports all problems at once, each naming the option by its configuration path and saying what to change. The
/// single-value bounds are attributes, checked by <see cref="InvitationsOptionsAttributeValidator"/>.
/// </summary>
internal sealed class InvitationsOptionsValidator : IValidateOptions<InvitationsOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        var links = options.Links;
        Check(links.Clients.Count > 0, "No client is configured: add one with options.Links.Clients[\"web\"] = new InvitationClient { InitiateLoginUri = \"https://app.example.com/login\" } (configuration: Invitations:Links:Clients:web:InitiateLoginUri).");
        foreach (var (id, client) in links.Clients)
        {
            foreach (var url in client.AllowedLinkTargets.Prepend(client.InitiateLoginUri).Concat(client.AllowedRedirectLinks))
            {
                Check(TextRules.IsSafeAbsoluteUrl(url ?? string.Empty, allowHttpLoopback: true) && !(url ?? string.Empty).Contains('#', StringComparison.Ordinal),
                    $"Client '{id}': '{url}' must be an absolute https URL without user info or fragment (http is allowed only for localhost).");
            }
        }

        Check(links.DefaultClientId is null || links.Clients.ContainsKey(links.DefaultClientId), $"Links.DefaultClientId '{links.DefaultClientId}' is not a configured client: use one of the keys of Links.Clients.");

        var lifetime = options.Lifetime;
        Check(lifetime.Min > TimeSpan.Zero && lifetime.Min <= lifetime.Default && lifetime.Default <= lifetime.Max,
            $"Lifetimes must satisfy 0 < Lifetime.Min <= Lifetime.Default <= Lifetime.Max (now {lifetime.Min}, {lifetime.Default}, {lifetime.Max}).");
        Check(!options.Inviters.RequireRole || options.Inviters.Roles.Count > 0, "Inviters.Roles is empty while Inviters.RequireRole is true: nobody could invite. Add a role or set RequireRole to false.");
        Check(options.Inviters.Roles.All(r => !string.IsNullOrWhiteSpace(r)), "Inviters.Roles must not contain blank entries.");

        var defaults = options.Defaults;
        Check(DateTimeZoneProviders.Tzdb.GetZoneOrNull(defaults.TimeZone ?? string.Empty) is not null, $"Defaults.TimeZone '{defaults.TimeZone}' is not an IANA time zone, for example \"Europe/Berlin\" or \"UTC\".");
        Check(defaults.FromName is null || !TextRules.HasForbiddenCharacters(defaults.FromName), "Defaults.FromName must not contain control or line-break characters.");
        Check(!TextRules.HasForbiddenCharacters(defaults.AccountName ?? string.Empty), "Defaults.AccountName must not contain control or line-break characters.");

        var delivery = options.Delivery;
        Check(delivery.RetrySchedule.All(d => d >= TimeSpan.Zero), "Delivery.RetrySchedule delays must not be negative.");
        Check(delivery.RetrySchedule.All(d => d <= MaxRetryDelay), "Delivery.RetrySchedule delays must be at most 365 days.");
        Check(delivery.Randomizer is not null, "Delivery.Randomizer must not be null: keep the default or return a number in [0, 1).");

        var auto = options.AutoInvite;
        Check(!auto.Enabled || auto.EnabledSince is not null,
            "AutoInvite.EnabledSince is required when AutoInvite.Enabled is true: set it to the instant the feature goes live, so identities created before it are never invited automatically.");
        Check(!TextRules.HasForbiddenCharacters(auto.InviterId ?? string.Empty), "AutoInvite.InviterId must not contain control or line-break characters.");
        Check(auto.InviterDisplayName is null || !TextRules.HasForbiddenCharacters(auto.InviterDisplayName), "AutoInvite.InviterDisplayName must not contain control or line-break characters.");
        Check(auto.ClientId is null || links.Clients.ContainsKey(auto.ClientId), $"AutoInvite.ClientId '{auto.ClientId}' is not a configured client: use one of the keys of Links.Clients.");
        Check(auto.LifecycleState is null || !string.IsNullOrWhiteSpace(auto.LifecycleState), "AutoInvite.LifecycleState must be null or not blank.");
        Check(auto.TemplateKey is null || !string.IsNullOrWhiteSpace(auto.TemplateKey), "AutoInvite.TemplateKey must be null or not blank.");
        Check(options.Templates.Limits is not null, "Templates.Limits must not be null.");
        if (options.Templates.Limits is not null)
        {
            try
            {
                // Parse every template now: a syntax error fails startup with the template's key and line.
                _ = TemplateCatalogCache.For(options);
            }
            catch (InvitationTemplateException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // Far beyond any sensible schedule, and small enough that adding jitter to an instant can never overflow.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromDays(365);
}
