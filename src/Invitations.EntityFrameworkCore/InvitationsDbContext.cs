using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore;

/// <summary>
/// A ready <see cref="DbContext"/> holding only the invitation tables, used by
/// <c>UseEntityFrameworkCore(options =&gt; ...)</c>. Hosts with their own context call
/// <see cref="InvitationsModelBuilderExtensions.ApplyInvitationsModel"/> instead.
/// </summary>
public class InvitationsDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The options (provider and connection).</param>
    public InvitationsDbContext(DbContextOptions<InvitationsDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the context for a derived type.</summary>
    /// <param name="options">The options (provider and connection).</param>
    protected InvitationsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyInvitationsModel();
    }
}
