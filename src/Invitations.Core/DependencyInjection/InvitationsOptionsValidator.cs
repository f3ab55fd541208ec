using Invitations.Templates;
using Invitations.Validation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations;

/// <summary>Checks every option at startup and reports all problems at once, each with its fix.</summary>
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

        Check(options.Clients.Count > 0, "No client is configured: add one with options.Clients[\"web\"] = new InvitationClient { InitiateLoginUri = \"https://app.example.com/login\" }.");
        foreach (var (id, client) in options.Clients)
        {
            foreach (var url in client.AllowedLinkTargets.Prepend(client.InitiateLoginUri).Concat(client.AllowedRedirectLinks))
            {
                Check(TextRules.IsSafeAbsoluteUrl(url ?? string.Empty, allowHttpLoopback: true) && !(url ?? string.Empty).Contains('#', StringComparison.Ordinal),
                    $"Client '{id}': '{url}' must be an absolute https URL without user info or fragment (http is allowed only for localhost).");
            }
        }

        Check(options.DefaultClientId is null || options.Clients.ContainsKey(options.DefaultClientId), $"DefaultClientId '{options.DefaultClientId}' is not a configured client.");
        Check(!string.IsNullOrWhiteSpace(options.TokenParameterName) && options.TokenParameterName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'),
            "TokenParameterName must be letters, digits, '_' or '-'.");
        Check(options.MinLifetime > Duration.Zero && options.MinLifetime <= options.DefaultLifetime && options.DefaultLifetime <= options.MaxLifetime,
            "Lifetimes must satisfy 0 < MinLifetime <= DefaultLifetime <= MaxLifetime.");
        Check(options.MaxInvitationsPerInviter is null or > 0, "MaxInvitationsPerInviter must be positive or null.");
        Check(options.InviterQuotaWindow > Duration.Zero, "InviterQuotaWindow must be positive.");
        Check(options.ResendCooldown >= Duration.Zero, "ResendCooldown must not be negative.");
        Check(options.MaxResends >= 0, "MaxResends must not be negative.");
        Check(!options.RequireInviterRole || options.InviterRoles.Count > 0, "InviterRoles is empty while RequireInviterRole is true: nobody could invite.");
        Check(DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.DefaultTimeZone) is not null, $"DefaultTimeZone '{options.DefaultTimeZone}' is not an IANA time zone.");
        Check(!string.IsNullOrWhiteSpace(options.DefaultLocale), "DefaultLocale is required.");
        Check(options.DefaultFromName is null || !TextRules.HasForbiddenCharacters(options.DefaultFromName), "DefaultFromName must not contain control or line-break characters.");
        Check(!TextRules.HasForbiddenCharacters(options.AccountName ?? string.Empty), "AccountName must not contain control or line-break characters.");
        Check(options.DispatchPollInterval > Duration.Zero && options.DispatchLease > Duration.Zero, "DispatchPollInterval and DispatchLease must be positive.");
        Check(options.DispatchBatchSize is > 0 and <= 10_000, "DispatchBatchSize must be between 1 and 10000.");
        Check(options.RetrySchedule.All(d => d >= Duration.Zero), "RetrySchedule delays must not be negative.");
        Check(options.RetryJitter is >= 0 and < 1, "RetryJitter must be in [0, 1).");
        Check(options.FactRetention > Duration.Zero, "FactRetention must be positive.");
        Check(options.MaxGroupsOrRoles > 0 && options.MaxCustomFields >= 0, "MaxGroupsOrRoles must be positive and MaxCustomFields not negative.");

        var auto = options.AutoInvite;
        Check(!auto.Enabled || auto.EnabledSince is not null,
            "AutoInvite.EnabledSince is required when AutoInvite.Enabled is true: set it to the instant the feature goes live, so identities created before it are never invited automatically.");
        Check(!string.IsNullOrWhiteSpace(auto.InviterId) && !TextRules.HasForbiddenCharacters(auto.InviterId), "AutoInvite.InviterId is required and must not contain control characters.");
        Check(auto.InviterDisplayName is null || !TextRules.HasForbiddenCharacters(auto.InviterDisplayName), "AutoInvite.InviterDisplayName must not contain control or line-break characters.");
        Check(auto.ClientId is null || options.Clients.ContainsKey(auto.ClientId), $"AutoInvite.ClientId '{auto.ClientId}' is not a configured client.");
        Check(auto.LifecycleState is null || !string.IsNullOrWhiteSpace(auto.LifecycleState), "AutoInvite.LifecycleState must be null or not blank.");
        Check(auto.TemplateKey is null || !string.IsNullOrWhiteSpace(auto.TemplateKey), "AutoInvite.TemplateKey must be null or not blank.");
        Check(options.MaxUnregisteredInvitesPerRun > 0, "MaxUnregisteredInvitesPerRun must be positive.");
        Check(options.MaxAutomaticReinvites >= 0, "MaxAutomaticReinvites must not be negative.");
        Check(options.MaintenanceInterval > Duration.Zero, "MaintenanceInterval must be positive.");
        Check(options.MaintenanceBatchSize is > 0 and <= 10_000, "MaintenanceBatchSize must be between 1 and 10000.");

        try
        {
            // Parse every template now: a syntax error fails startup with the template's key and line.
            _ = TemplateCatalogCache.For(options);
        }
        catch (InvitationTemplateException ex)
        {
            problems.Add(ex.Message);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
