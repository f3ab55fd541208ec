using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Invitations.WebApp.Data;

/// <summary>
/// One context, one SQLite file: ASP.NET Core Identity's tables and the invitation tables side by side, so an account and
/// the invitation it accepted live in the same database (and EnsureCreated makes both).
/// </summary>
public sealed class WebAppDbContext(DbContextOptions<WebAppDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyInvitationsModel();
    }
}
