using Microsoft.Extensions.Options;

namespace Invitations.Webhooks;

/// <summary>
/// Checks the simple bounds declared on <see cref="WebhookSinkOptions"/> as DataAnnotations; generated at compile time, so no
/// reflection runs at startup. <see cref="WebhookSinkOptionsValidator"/> runs it first and adds the rules that span fields and endpoints.
/// </summary>
[OptionsValidator]
internal sealed partial class WebhookSinkOptionsAttributeValidator : IValidateOptions<WebhookSinkOptions>;
