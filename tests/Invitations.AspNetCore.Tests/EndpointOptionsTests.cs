using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invitations.AspNetCore.Tests;

public sealed class EndpointOptionsTests
{
    public static TheoryData<string, Action<InvitationEndpointOptions>> Unusable() => new()
    {
        { "InvitationEndpointOptions.AdminPolicy must name an authorization policy", o => o.AdminPolicy = " " },
        { "InvitationEndpointOptions.RedemptionRateLimiterPolicy must name a rate limiter policy", o => o.RedemptionRateLimiterPolicy = "" },
        { "InvitationEndpointOptions.RedemptionPermitLimit must be positive, for example 20", o => o.RedemptionPermitLimit = 0 },
        { "InvitationEndpointOptions.RedemptionWindow must be positive, for example 00:01:00", o => o.RedemptionWindow = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void Unusable_options_fail_validation_naming_the_option_to_change(string message, Action<InvitationEndpointOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddInvitations().AddHttpEndpoints(configure);

        var act = () => services.BuildServiceProvider().GetRequiredService<IOptions<InvitationEndpointOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*").Which.Message.Should().NotContain("The field");
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var services = new ServiceCollection();
        services.AddInvitations().AddHttpEndpoints();

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<InvitationEndpointOptions>>().Value;

        options.RedemptionPermitLimit.Should().Be(20);
    }
}
