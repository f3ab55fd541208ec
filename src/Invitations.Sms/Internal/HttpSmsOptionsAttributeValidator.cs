using Microsoft.Extensions.Options;

namespace Invitations.Sms.Internal;

/// <summary>
/// Checks the simple bounds declared on <see cref="HttpSmsOptions"/> as DataAnnotations; generated at compile time, so no
/// reflection runs at startup. <see cref="HttpSmsOptionsValidator"/> runs it first and adds the rules that span fields.
/// </summary>
[OptionsValidator]
internal sealed partial class HttpSmsOptionsAttributeValidator : IValidateOptions<HttpSmsOptions>;
