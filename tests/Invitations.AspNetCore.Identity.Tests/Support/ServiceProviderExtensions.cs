using Microsoft.Extensions.DependencyInjection;

namespace Invitations.AspNetCore.Identity.Tests.Support;

public static class ServiceProviderExtensions
{
    /// <summary>A service from a scope of its own (scoped services such as RoleManager need one; the scope lives as long as the provider).</summary>
    public static T GetRequiredServiceOf<T>(this IServiceProvider services)
        where T : notnull =>
        services.CreateScope().ServiceProvider.GetRequiredService<T>();
}
