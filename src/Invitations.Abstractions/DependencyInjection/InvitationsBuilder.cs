using System.ComponentModel;
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

    /// <summary>The host's service collection, for adapter packages' extension methods; hosts call the builder's methods instead.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
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
    /// Adds a message sender (singleton; adding the same type twice registers it once). For each message the dispatcher
    /// uses the last added sender whose <see cref="IMessageSender.CanSend"/> accepts the channel, so this one wins over
    /// the in-memory default and over senders added before it.
    /// </summary>
    /// <typeparam name="TSender">The sender type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder AddMessageSender<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSender>()
        where TSender : class, IMessageSender
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, TSender>());
        return this;
    }

    /// <summary>Adds a message sender instance. See <see cref="AddMessageSender{TSender}()"/>.</summary>
    /// <param name="sender">The sender.</param>
    /// <returns>This builder.</returns>
    public InvitationsBuilder AddMessageSender(IMessageSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        Services.AddSingleton(sender);
        return this;
    }

    /// <summary>
    /// Adds a webhook sink (singleton; adding the same type twice registers it once). The dispatcher delivers every fact
    /// to every added sink, each on its own lane (<see cref="IWebhookSink.Name"/>); the in-memory default sink receives
    /// facts only while no other sink is added.
    /// </summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder AddWebhookSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSink>()
        where TSink : class, IWebhookSink
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookSink, TSink>());
        return this;
    }

    /// <summary>Adds a webhook sink instance. See <see cref="AddWebhookSink{TSink}()"/>.</summary>
    /// <param name="sink">The sink.</param>
    /// <returns>This builder.</returns>
    public InvitationsBuilder AddWebhookSink(IWebhookSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Services.AddSingleton(sink);
        return this;
    }

    /// <summary>
    /// Adds an in-process fact handler (singleton; adding the same type twice registers it once): every fact reaches it
    /// through the outbox on its own lane (<see cref="IInvitationFactHandler.Name"/>), at least once and in order per
    /// invitation, with progress of its own, so neither it nor a webhook endpoint holds the other back.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder AddFactHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IInvitationFactHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInvitationFactHandler, THandler>());
        return this;
    }

    /// <summary>Adds a fact handler instance. See <see cref="AddFactHandler{THandler}()"/>.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public InvitationsBuilder AddFactHandler(IInvitationFactHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Services.AddSingleton(handler);
        return this;
    }

    /// <summary>Sets the host's user directory (used to skip already-registered users and to list unregistered ones), replacing any set before.</summary>
    /// <typeparam name="TDirectory">The directory type.</typeparam>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseUserDirectory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TDirectory>()
        where TDirectory : class, IUserDirectory
    {
        Services.Replace(ServiceDescriptor.Singleton<IUserDirectory, TDirectory>());
        return this;
    }

    /// <summary>Sets the host's user directory instance, replacing any set before. See <see cref="UseUserDirectory{TDirectory}()"/>.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>This builder.</returns>
    public InvitationsBuilder UseUserDirectory(IUserDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Services.Replace(ServiceDescriptor.Singleton(directory));
        return this;
    }
}
