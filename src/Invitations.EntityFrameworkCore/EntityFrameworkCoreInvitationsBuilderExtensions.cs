using Invitations;
using Invitations.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Entity Framework Core invitation store.</summary>
public static class EntityFrameworkCoreInvitationsBuilderExtensions
{
    /// <summary>
    /// Uses <see cref="EntityFrameworkCoreInvitationStore{TContext}"/> over the host's own context. The host
    /// registers <c>services.AddDbContextFactory&lt;TContext&gt;(...)</c> itself and calls
    /// <c>modelBuilder.ApplyInvitationsModel()</c> in its <c>OnModelCreating</c>. Queued messages are encrypted with
    /// ASP.NET Core Data Protection (<c>services.AddDataProtection()</c> is added): configure where its keys live
    /// (<c>PersistKeysToFileSystem</c>, <c>PersistKeysToDbContext</c>, ...) and share them between every instance
    /// that dispatches from the same database. Without that configuration the ASP.NET Core default applies, meant
    /// for development: a key ring in the user profile (<c>$HOME/.aspnet/DataProtection-Keys</c>), not encrypted at
    /// rest on Linux and macOS, and kept in memory only when there is no profile directory.
    /// </summary>
    /// <typeparam name="TContext">The host's context type.</typeparam>
    /// <param name="builder">The invitations builder.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseEntityFrameworkCore<TContext>(this InvitationsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Queued messages are encrypted with the application's key ring. AddDataProtection only adds what the host has
        // not configured, so a host's own AddDataProtection().PersistKeysTo...() decides where the keys live; without
        // one, the ASP.NET Core default applies (see EntityFrameworkCoreInvitationStore's constructor).
        builder.Services.AddDataProtection();
        return builder.UseStore<EntityFrameworkCoreInvitationStore<TContext>>();
    }

    /// <summary>
    /// Uses <see cref="EntityFrameworkCoreInvitationStore{TContext}"/> over a ready <see cref="InvitationsDbContext"/>
    /// configured by <paramref name="configure"/> (for example <c>o =&gt; o.UseSqlite("Data Source=invitations.db")</c>
    /// or <c>o =&gt; o.UseNpgsql(connectionString)</c>). Create the tables with
    /// <see cref="InvitationsSchemaExtensions.EnsureInvitationsSchemaAsync"/> or your migrations.
    /// </summary>
    /// <param name="builder">The invitations builder.</param>
    /// <param name="configure">Configures the provider and connection.</param>
    /// <returns>The builder.</returns>
    public static InvitationsBuilder UseEntityFrameworkCore(this InvitationsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddPooledDbContextFactory<InvitationsDbContext>(configure);
        return builder.UseEntityFrameworkCore<InvitationsDbContext>();
    }
}
