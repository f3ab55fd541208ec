using System.Reflection;

namespace Invitations.Webhooks.Tests;

public sealed class UserAgentTests
{
    [Fact]
    public void The_default_user_agent_names_the_installed_package_version()
    {
        var informational = typeof(WebhookSink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        WebhookSinkOptions.DefaultUserAgent.Should().StartWith($"Invitations.Webhooks/{informational.Split('+')[0]} (+https://");
    }
}
