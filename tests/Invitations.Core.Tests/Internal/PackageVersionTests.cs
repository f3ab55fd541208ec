using System.Reflection;
using Invitations.Diagnostics;
using Invitations.Internal;

namespace Invitations.Core.Tests.Internal;

public sealed class PackageVersionTests
{
    private static string InformationalVersion =>
        typeof(InvitationsTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Fact]
    public void The_version_is_the_assembly_informational_version_without_the_source_revision()
    {
        PackageVersion.Value.Should().Be(InformationalVersion.Split('+')[0]);
        PackageVersion.Value.Should().NotContain("+");
    }

    [Fact]
    public void The_activity_source_and_the_meter_report_the_package_version()
    {
        InvitationsTelemetry.ActivitySource.Version.Should().Be(PackageVersion.Value);

        using var telemetry = new InvitationsTelemetry();
        telemetry.Created.Meter.Version.Should().Be(PackageVersion.Value);
    }
}
