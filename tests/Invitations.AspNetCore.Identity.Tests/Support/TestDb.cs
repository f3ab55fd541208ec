using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Invitations.AspNetCore.Identity.Tests.Support;

/// <summary>One context for Identity's tables and the invitation tables: the two stores share one SQLite file, as a host's would.</summary>
public sealed class TestDb(DbContextOptions<TestDb> options) : IdentityDbContext<IdentityUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyInvitationsModel();
    }
}
