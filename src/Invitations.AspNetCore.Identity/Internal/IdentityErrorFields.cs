using Microsoft.AspNetCore.Identity;

namespace Invitations.AspNetCore.Identity.Internal;

/// <summary>Which registration field each of Identity's error codes is about (Identity's codes are stable: <see cref="IdentityErrorDescriber"/>'s method names).</summary>
internal static class IdentityErrorFields
{
    public const string Password = "password";
    public const string UserName = "user_name";
    public const string Email = "email";

    public static string For(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => Password,
        nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => UserName,
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail) => Email,
        _ => string.Empty,
    };

    /// <summary>Field → messages, the shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public static Dictionary<string, string[]> Group(IEnumerable<IdentityError> errors) =>
        errors.GroupBy(For, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal);
}
