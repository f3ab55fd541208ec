using System.Runtime.CompilerServices;

namespace Invitations.Core.Tests.Packaging;

/// <summary>Invitations.Abstractions is a contract: what Core (or an adapter) needs from it is public.</summary>
public sealed class ContractPackageTests
{
    [Fact]
    public void Abstractions_grants_its_internals_to_test_projects_only()
    {
        var friends = typeof(IInvitationStore).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), inherit: false)
            .Cast<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName);

        friends.Should().OnlyContain(name => name.EndsWith(".Tests", StringComparison.Ordinal));
    }
}
