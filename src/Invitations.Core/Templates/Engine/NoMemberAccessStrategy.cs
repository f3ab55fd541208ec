using Fluid;

namespace Invitations.Templates.Engine;

/// <summary>
/// Reads no member of any .NET type: templates see only the <see cref="Fluid.Values.FluidValue"/>s the model builds
/// (<see cref="ModelValue"/>), so nothing reaches a host object through reflection, even if a value
/// of another type were ever put into a context. Registrations are refused rather than ignored.
/// </summary>
internal sealed class NoMemberAccessStrategy : MemberAccessStrategy
{
    public override IMemberAccessor? GetAccessor(Type type, string name) => null;

    public override void Register(Type type, IEnumerable<KeyValuePair<string, IMemberAccessor>> accessors) =>
        throw new NotSupportedException("Invitation templates read only the invitation's own values; no .NET type can be registered.");
}
