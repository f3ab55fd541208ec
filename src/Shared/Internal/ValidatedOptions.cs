using Microsoft.Extensions.Options;

namespace Invitations.Internal;

/// <summary>
/// Reads options a sender validates again when it is created (not only at host start, so a sender built by hand
/// with <c>Options.Create</c> cannot run on invalid settings). Linked source from <c>src/Shared</c>.
/// </summary>
internal static class ValidatedOptions
{
    /// <summary>The options' value, validated by <paramref name="validator"/>.</summary>
    /// <typeparam name="T">The options type.</typeparam>
    /// <param name="options">The options.</param>
    /// <param name="validator">The package's validator of <typeparamref name="T"/>.</param>
    /// <returns>The valid value.</returns>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public static T Get<T>(IOptions<T> options, IValidateOptions<T> validator)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var validation = validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(T), validation.Failures);
        }

        return value;
    }
}
