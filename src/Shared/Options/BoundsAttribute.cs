using System.ComponentModel.DataAnnotations;

namespace Invitations.Internal;

/// <summary>
/// A <see cref="RangeAttribute"/> whose <see cref="ValidationAttribute.ErrorMessage"/> reaches the host. Why a subclass:
/// the options validation source generator (<c>[OptionsValidator]</c>) replaces <c>[Range]</c> by a generated copy that
/// ignores <c>ErrorMessage</c> and prints "The field … must be between … and …" instead
/// (https://github.com/dotnet/runtime/issues/123137), which drops the "for example …" every message gives. A subclass is
/// used as written. Limits and values are read in the invariant culture, so <c>00:00:00.5</c> means the same on every
/// machine. Linked source from <c>src/Shared</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
internal sealed class BoundsAttribute : RangeAttribute
{
    /// <summary>Bounds for an <see cref="int"/>.</summary>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    public BoundsAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    /// <summary>Bounds for a <see cref="double"/>.</summary>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    public BoundsAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    /// <summary>Bounds of another type (a <see cref="TimeSpan"/>), written as invariant strings such as <c>00:30:00</c>.</summary>
    /// <param name="type">The type of the value.</param>
    /// <param name="minimum">The smallest allowed value.</param>
    /// <param name="maximum">The largest allowed value.</param>
    public BoundsAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
        ParseLimitsInInvariantCulture = true;
        ConvertValueInInvariantCulture = true;
    }
}
