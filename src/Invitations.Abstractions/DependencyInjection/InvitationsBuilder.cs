using System.Diagnostics.CodeAnalysis;
using Invitations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>services.AddInvitations()</c>; adapter packages add <c>UseXxx()</c> extension methods
/// to it (<c>.UseEntityFrameworkCore&lt;AppDb&gt;()</c>, <c>.UseMailKit(...)</c>). It lives in
/// Invitations.Abstractions so that adapters never depend on Invitations.Core. Every method returns
/// the builder for chaining.
/// </summary>
public sealed class InvitationsBuilder
{
    /// <summary>Creates a builder over <paramref name="services"/>.</summary>
    /// <param name="services">The host's service collection.</param>
    public InvitationsBuilder(IServiceCollection services) =>
        Services = services ?? throw new ArgumentNullException(nameof(services));

    /// <summary>The host's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Replaces the invitation store (the in-memory default) with <typeparamref name="TStore"/>, as a singleton.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IInvitationStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IInvitationStore, TStore>());
        return this;
    }

    /// <summary>
    /// Adds a message sender (singleton). For each message the dispatcher uses the last registered sender
    /// whose <see cref="IMessageSender.CanSend"/> accepts the channel, so this one wins over the in-memory default.
    /// </summary>
    /// <typeparam name="TSender">The sender type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseMessageSender<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSender>()
        where TSender : class, IMessageSender
    {
        Services.AddSingleton<IMessageSender, TSender>();
        return this;
    }

    /// <summary>Adds a message sender instance. See <see cref="UseMessageSender{TSender}()"/>.</summary>
    /// <param name="sender">The sender.</param>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseMessageSender(IMessageSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        Services.AddSingleton(sender);
        return this;
    }

    /// <summary>Replaces the webhook sink (the in-memory default) with <typeparamref name="TSink"/>, as a singleton.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseWebhookSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>()
        where TSink : class, IWebhookSink
    {
        Services.Replace(ServiceDescriptor.Singleton<IWebhookSink, TSink>());
        return this;
    }

    /// <summary>Replaces the webhook sink with an instance.</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseWebhookSink(IWebhookSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Services.Replace(ServiceDescriptor.Singleton(sink));
        return this;
    }

    /// <summary>Registers the host's user directory (used to skip already-registered users).</summary>
    /// <typeparam name="TDirectory">The directory type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseUserDirectory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TDirectory>()
        where TDirectory : class, IUserDirectory
    {
        Services.Replace(ServiceDescriptor.Singleton<IUserDirectory, TDirectory>());
        return this;
    }
}
