using System.Diagnostics.CodeAnalysis;

namespace Invitations;

/// <summary>Either a value or an <see cref="InvitationError"/>. Expected failures are results, not exceptions.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class InvitationResult<T>
{
    private readonly T? _value;

    private InvitationResult(T? value, InvitationError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>True when the operation succeeded and <see cref="Value"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The error when the operation failed; null on success.</summary>
    public InvitationError? Error { get; }

    /// <summary>The value on success.</summary>
    /// <exception cref="InvalidOperationException">The result is a failure; read <see cref="Error"/> instead.</exception>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"The operation failed ({Error.Code}); check IsSuccess before reading Value.");

    /// <summary>Creates a success.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A successful result.</returns>
    public static InvitationResult<T> Success(T value) => new(value, null);

    /// <summary>Creates a failure.</summary>
    /// <param name="error">The error.</param>
    /// <returns>A failed result.</returns>
    public static InvitationResult<T> Failure(InvitationError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>Wraps a value as a success.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator InvitationResult<T>(T value) => Success(value);

    /// <summary>Wraps an error as a failure.</summary>
    /// <param name="error">The error.</param>
    public static implicit operator InvitationResult<T>(InvitationError error) => Failure(error);

    /// <summary>The value or the error, for diagnostics.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => IsSuccess ? $"Success({_value})" : $"Failure({Error})";
}
