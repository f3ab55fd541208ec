using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NodaTime.Text;

namespace Invitations.Configuration;

/// <summary>
/// Binds an options object from a configuration section the way a host expects, where the plain
/// <c>ConfigurationBinder</c> does not: a collection given in configuration <b>replaces</b> the default instead of being
/// appended to it (so <c>"Roles": ["owner"]</c> admits only <c>owner</c>, and <c>[]</c> empties the list), and a
/// <see cref="TimeSpan"/> accepts ISO-8601 (<c>P7D</c>, <c>PT30S</c>) beside its own form (<c>7.00:00:00</c>).
/// Dictionaries keep the binder's behaviour (configuration merges their keys). A key that names no option fails instead
/// of being ignored (a misspelled or ungrouped key would otherwise leave its default silently in force), except a
/// section at the top that may belong to another package (<c>Invitations:Smtp</c> beside the core options). Shared as
/// linked source by every package.
/// </summary>
internal static class OptionsConfigurationBinder
{
    private const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance;

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">A duration is in neither accepted form, or a key names no option; each message names its path.</exception>
    public static void Bind(IConfiguration section, object options, string optionsName)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        var values = RewriteDurations(section, options.GetType(), optionsName);
        ClearGivenCollections(section, options);
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(options);
    }

    /// <summary>Parses a duration written as <c>[d.]hh:mm[:ss[.fffffff]]</c> or as ISO-8601 without years or months.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // Years and months have no fixed length, so P1M is refused rather than guessed.
        var iso = PeriodPattern.NormalizingIso.Parse(text.Trim());
        if (iso.Success && iso.Value.Years == 0 && iso.Value.Months == 0)
        {
            value = iso.Value.ToDuration().ToTimeSpan();
            return true;
        }

        value = default;
        return false;
    }

    private static Dictionary<string, string?> RewriteDurations(IConfiguration section, Type root, string optionsName)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var prefix = section is IConfigurationSection s ? s.Path + ":" : string.Empty;
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            var type = TypeAt(root, key);
            if (type is null)
            {
                var topLevel = !key.Contains(ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                var top = key.Split(ConfigurationPath.KeyDelimiter)[0];
                var foreignSection = root.GetProperty(top, Public | BindingFlags.IgnoreCase) is null && !(topLevel && value is not null);
                if (!foreignSection)
                {
                    problems.Add($"{prefix}{key} is not an option of {root.Name}: check its spelling and its group (options are grouped, for example Delivery:BatchSize).");
                }

                continue;
            }

            if (value is not null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(TimeSpan) && value.Length > 0)
            {
                if (TryParseDuration(value, out var duration))
                {
                    values[key] = duration.ToString("c", CultureInfo.InvariantCulture);
                    continue;
                }

                problems.Add($"{prefix}{key}: '{value}' is not a duration; write it as days.hours:minutes:seconds (7.00:00:00, 00:00:30) or ISO-8601 (P7D, PT30S).");
            }

            values[key] = value;
        }

        return problems.Count == 0 ? values : throw new OptionsValidationException(optionsName, root, problems);
    }

    // The type a relative configuration key lands on: properties by name, dictionary values by key, list items by index.
    private static Type? TypeAt(Type root, string key)
    {
        Type? type = root;
        foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (ValueType(type, typeof(IDictionary<,>)) is { } dictionaryValue)
            {
                type = dictionaryValue;
            }
            else if (type != typeof(string) && ValueType(type, typeof(IEnumerable<>)) is { } item)
            {
                type = item;
            }
            else
            {
                type = type.GetProperty(segment, Public | BindingFlags.IgnoreCase)?.PropertyType;
                if (type is null)
                {
                    return null;
                }
            }
        }

        return type;
    }

    // Clears each collection the section names (even as an empty array) before the binder fills it, recursing into groups.
    private static void ClearGivenCollections(IConfiguration section, object target)
    {
        var given = section.GetChildren().ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var property in target.GetType().GetProperties(Public))
        {
            if (property.GetIndexParameters().Length > 0 || !given.TryGetValue(property.Name, out var child)
                || property.GetValue(target) is not { } value)
            {
                continue;
            }

            var type = property.PropertyType;
            if (value is string || type.IsValueType || ValueType(type, typeof(IDictionary<,>)) is not null)
            {
                continue;
            }

            if (value is IList list && !list.IsFixedSize)
            {
                list.Clear();
            }
            else if (value is IEnumerable && value.GetType().GetMethod(nameof(IList.Clear), Public, Type.EmptyTypes) is { } clear)
            {
                _ = clear.Invoke(value, null);
            }
            else if (value is not IEnumerable)
            {
                ClearGivenCollections(child, value);
            }
        }
    }

    // For IDictionary<,> the value type; for IEnumerable<> the item type; else null.
    private static Type? ValueType(Type type, Type openInterface)
    {
        var candidates = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        var match = candidates.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
        return match?.GetGenericArguments()[^1];
    }
}
