namespace Invitations;

/// <summary>An expected failure: a stable <see cref="Code"/> (one of <see cref="InvitationErrorCodes"/>) and a human message.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">A human-readable message; never contains a token.</param>
public sealed record InvitationError(string Code, string Message)
{
    /// <summary>The request field the error is about (for example <c>email</c>), when there is one.</summary>
    public string? Field { get; init; }

    /// <summary>The code and message.</summary>
    /// <returns><c>code: message</c>.</returns>
    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
