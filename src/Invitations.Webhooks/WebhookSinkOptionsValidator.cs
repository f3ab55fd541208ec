using Microsoft.Extensions.Options;

namespace Invitations.Webhooks;

/// <summary>
/// Validates <see cref="WebhookSinkOptions"/>: the declared bounds (<see cref="WebhookSinkOptionsAttributeValidator"/>)
/// first, then the endpoints and the rules that span fields. Error messages never contain a secret.
/// </summary>
internal sealed class WebhookSinkOptionsValidator : IValidateOptions<WebhookSinkOptions>
{
    private static readonly WebhookSinkOptionsAttributeValidator Attributes = new();

    public ValidateOptionsResult Validate(string? name, WebhookSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(Attributes.Validate(name, options).Failures ?? []);
        if (options.Endpoints.Count == 0)
        {
            errors.Add("WebhookSinkOptions.Endpoints must contain at least one endpoint.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent) || options.UserAgent.Any(char.IsControl))
        {
            errors.Add("WebhookSinkOptions.UserAgent must be non-empty and contain no control characters.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            if (endpoint is null)
            {
                errors.Add($"Endpoints[{i}] is null.");
                continue;
            }

            var label = string.IsNullOrWhiteSpace(endpoint.Name) ? $"Endpoints[{i}]" : $"Endpoint '{endpoint.Name}'";
            if (string.IsNullOrWhiteSpace(endpoint.Name))
            {
                errors.Add($"{label}: Name is required.");
            }
            else if (!names.Add(endpoint.Name))
            {
                errors.Add($"{label}: the name is used by another endpoint.");
            }
            else if (endpoint.Name.Length > WebhookEndpoint.MaxNameLength || endpoint.Name.Any(char.IsControl))
            {
                // The name keys the endpoint's delivery lane in the store (WebhookSink.LaneName).
                errors.Add($"{label}: Name must be at most {WebhookEndpoint.MaxNameLength} characters, without control characters.");
            }

            var url = endpoint.Url;
            if (url is null || !url.IsAbsoluteUri)
            {
                errors.Add($"{label}: Url must be an absolute URL.");
            }
            else if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && options.AllowPrivateNetworkDestinations))
            {
                errors.Add($"{label}: Url must use https (http only when AllowPrivateNetworkDestinations is true).");
            }
            else if (!string.IsNullOrEmpty(url.UserInfo))
            {
                errors.Add($"{label}: Url must not contain user information.");
            }

            if (endpoint.Secrets.Count == 0)
            {
                errors.Add($"{label}: at least one secret is required.");
            }

            for (var s = 0; s < endpoint.Secrets.Count; s++)
            {
                if (!WebhookSecret.TryDecode(endpoint.Secrets[s], out _))
                {
                    errors.Add($"{label}: Secrets[{s}] must be whsec_<base64> of {WebhookSecret.MinBytes} to {WebhookSecret.MaxBytes} bytes.");
                }
            }

            if (endpoint.EventTypes.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{label}: EventTypes must not contain blank entries.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
