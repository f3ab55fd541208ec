using Microsoft.Extensions.Options;

namespace Invitations.MailKit.Internal;

/// <summary>
/// Checks the simple bounds declared on <see cref="SmtpSenderOptions"/> as DataAnnotations; generated at compile time, so no
/// reflection runs at startup. <see cref="SmtpSenderOptionsValidator"/> runs it first and adds the rules that span fields.
/// </summary>
[OptionsValidator]
internal sealed partial class SmtpSenderOptionsAttributeValidator : IValidateOptions<SmtpSenderOptions>;
