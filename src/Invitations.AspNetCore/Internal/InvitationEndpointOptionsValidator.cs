using Microsoft.Extensions.Options;

namespace Invitations.AspNetCore.Internal;

/// <summary>
/// Checks the simple bounds declared on <see cref="InvitationEndpointOptions"/> as DataAnnotations; generated at compile time, so no
/// reflection runs at startup. The options have no rule that spans fields, so this is their only validator.
/// </summary>
[OptionsValidator]
internal sealed partial class InvitationEndpointOptionsValidator : IValidateOptions<InvitationEndpointOptions>;
