using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Invitations.Sms.Internal;

/// <summary>
/// Validates <see cref="HttpSmsOptions"/> at startup and when a sender is made: the declared bounds
/// (<see cref="HttpSmsOptionsAttributeValidator"/>) first, then the rules that span fields or need parsing.
/// </summary>
internal sealed partial class HttpSmsOptionsValidator : IValidateOptions<HttpSmsOptions>
{
    private static readonly HttpSmsOptionsAttributeValidator Attributes = new();

    internal static readonly string[] Placeholders = ["to", "text", "message_id", "from", "invitation_id", "locale", "template_key"];

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Type", "Content-Length", "Transfer-Encoding", "Connection",
    };

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex Placeholder();

    public ValidateOptionsResult Validate(string? name, HttpSmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(Attributes.Validate(name, options).Failures ?? []);

        var endpoint = options.Endpoint;
        if (endpoint is null || !endpoint.IsAbsoluteUri)
        {
            failures.Add("HttpSmsOptions.Endpoint is required and must be an absolute https URL.");
        }
        else if (!(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(endpoint))))
        {
            failures.Add("HttpSmsOptions.Endpoint must use https (http is allowed only for a loopback host).");
        }
        else if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            failures.Add("HttpSmsOptions.Endpoint must not carry credentials; use BasicUserName/BasicPassword or BearerToken.");
        }

        var fields = EffectiveFields(options);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(field))
            {
                failures.Add("HttpSmsOptions.Fields has an empty field name.");
            }

            foreach (Match m in Placeholder().Matches(value ?? string.Empty))
            {
                var placeholder = m.Groups[1].Value;
                if (Array.IndexOf(Placeholders, placeholder) < 0)
                {
                    failures.Add($"HttpSmsOptions.Fields[{field}] uses the unknown placeholder {{{placeholder}}}; known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
                }

                used.Add(placeholder);
            }
        }

        if (!used.Contains("to") || !used.Contains("text"))
        {
            failures.Add("HttpSmsOptions.Fields must use the {to} and {text} placeholders.");
        }

        if (used.Contains("from") && string.IsNullOrEmpty(options.From))
        {
            failures.Add("HttpSmsOptions.From is required when a field uses {from}.");
        }

        var hasBearer = !string.IsNullOrEmpty(options.BearerToken);
        var hasBasic = !string.IsNullOrEmpty(options.BasicUserName);
        if (hasBearer && hasBasic)
        {
            failures.Add("HttpSmsOptions: set either BearerToken or BasicUserName/BasicPassword, not both.");
        }

        if (!string.IsNullOrEmpty(options.BasicPassword) && !hasBasic)
        {
            failures.Add("HttpSmsOptions.BasicPassword needs BasicUserName.");
        }

        if (hasBasic && options.BasicUserName!.Contains(':', StringComparison.Ordinal))
        {
            failures.Add("HttpSmsOptions.BasicUserName must not contain ':'.");
        }

        if (!IsSafeHeaderValue(options.BearerToken) || !IsSafeHeaderValue(options.BasicUserName) || !IsSafeHeaderValue(options.BasicPassword))
        {
            failures.Add("HttpSmsOptions: BearerToken, BasicUserName and BasicPassword must not contain line breaks or control characters.");
        }

        foreach (var (header, value) in options.Headers ?? new Dictionary<string, string>())
        {
            if (!IsToken(header))
            {
                failures.Add($"HttpSmsOptions.Headers has an invalid header name '{header}'.");
            }
            else if (ReservedHeaders.Contains(header) || (string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) && (hasBearer || hasBasic)))
            {
                failures.Add($"HttpSmsOptions.Headers must not set {header}.");
            }

            if (!IsSafeHeaderValue(value))
            {
                failures.Add($"HttpSmsOptions.Headers[{header}] must not contain line breaks or control characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The configured fields, or <c>to={to}</c>, <c>text={text}</c> when none are configured.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The fields in configuration order.</returns>
    internal static IReadOnlyList<KeyValuePair<string, string>> EffectiveFields(HttpSmsOptions options) =>
        options.Fields is { Count: > 0 } fields
            ? fields.ToList()
            : [new("to", "{to}"), new("text", "{text}")];

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsToken(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSafeHeaderValue(string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\u007F' || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                return false;
            }
        }

        return true;
    }
}
