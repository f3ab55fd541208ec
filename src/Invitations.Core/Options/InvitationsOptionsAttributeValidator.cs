using Microsoft.Extensions.Options;
#if !NET10_0_OR_GREATER
using System.ComponentModel.DataAnnotations;
using System.Reflection;
#endif

namespace Invitations;

#if NET10_0_OR_GREATER
/// <summary>
/// Checks the simple bounds declared on the options as DataAnnotations (<c>[Range]</c>, <c>[Required]</c>, …), nested
/// groups included; generated at compile time, so no reflection runs at startup. Cross-field rules live in
/// <see cref="InvitationsOptionsValidator"/>.
/// </summary>
[OptionsValidator]
internal sealed partial class InvitationsOptionsAttributeValidator : IValidateOptions<InvitationsOptions>;
#else
/// <summary>
/// The same checks as the generated validator of the net10.0 build, by reflection. Why: the options generator of
/// Microsoft.Extensions.Options 11.0 emits a <c>ValidationContext</c> constructor that exists only from .NET 10 on, so
/// the net8.0 build cannot use it; with the 10.0.x packages this branch can become the generated one again.
/// </summary>
internal sealed class InvitationsOptionsAttributeValidator : IValidateOptions<InvitationsOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Collect(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Collect(object instance, List<string> errors)
    {
        var results = new List<ValidationResult>();
        _ = Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => r.ErrorMessage ?? "An option is invalid."));
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.IsDefined(typeof(ValidateObjectMembersAttribute)) && property.GetValue(instance) is { } group)
            {
                Collect(group, errors);
            }
        }
    }
}
#endif
