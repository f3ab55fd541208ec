using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invitations;

/// <summary>Writes enum values as snake_case strings (<c>initiated</c>, <c>email</c>), the wire form of every enum in facts.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Creates the converter.</summary>
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }
}
