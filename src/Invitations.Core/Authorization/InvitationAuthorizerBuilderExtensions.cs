using System.Diagnostics.CodeAnalysis;
using Invitations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Replaces the default <see cref="IInvitationAuthorizer"/>.</summary>
public static class InvitationAuthorizerBuilderExtensions
{
    /// <summary>
    /// Replaces the default authorizer (administrators do everything, others act on their own invitations and grant only
    /// what they hold) with <typeparamref name="TAuthorizer"/>, as a singleton. Registering an
    /// <see cref="IInvitationAuthorizer"/> before <c>AddInvitations</c> does the same.
    /// </summary>
    /// <typeparam name="TAuthorizer">The host's authorizer.</typeparam>
    /// <param name="builder">The builder returned by <c>AddInvitations</c>.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseAuthorizer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAuthorizer>(this InvitationsBuilder builder)
        where TAuthorizer : class, IInvitationAuthorizer
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IInvitationAuthorizer, TAuthorizer>());
        return builder;
    }
}
