// The README's second example: dotnet run --project samples/Invitations.WebApp, then open http://localhost:5080.
// An administrator signs in (the seeded account is printed at start), invites someone by e-mail with a role; the
// e-mail is written as an .eml file to App_Data/pickup; its link opens the registration page, pre-filled from the
// invitation; the invitee sets a password and is signed in with the role. Identity and the invitations share one
// SQLite file (App_Data/webapp.db), created at start.
using Invitations.WebApp;
using Invitations.WebApp.Data;
using Invitations.WebApp.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<WebAppOptions>(builder.Configuration.GetSection(WebAppOptions.Section));
builder.Services.AddSingleton<WebAppPaths>();
builder.Services.AddSingleton<WebAppLinks>();

// One SQLite file for everything: the context holds Identity's model and the invitations' (ApplyInvitationsModel).
builder.Services.AddDbContextFactory<WebAppDbContext>((services, db) => db.UseSqlite(services.GetRequiredService<WebAppPaths>().ConnectionString));

// Cookies, antiforgery tokens and the invitation outbox's encrypted message bodies all use this key ring.
builder.Services.AddDataProtection();
builder.Services.AddOptions<KeyManagementOptions>().Configure<WebAppPaths, ILoggerFactory>(
    (o, paths, logs) => o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(paths.Keys), logs));

builder.Services.AddIdentity<IdentityUser, IdentityRole>(o =>
    {
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<WebAppDbContext>()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/SignIn";
    o.AccessDeniedPath = "/Account/Denied";
});

// Every option from appsettings.json's "Invitations" section; the store is the shared context; registration creates an
// Identity account, applies the invitation's roles and accepts it exactly once (Invitations.AspNetCore.Identity).
builder.Services.AddInvitations(builder.Configuration.GetSection("Invitations"))
    .UseEntityFrameworkCore<WebAppDbContext>()
    .AddIdentityAccounts<IdentityUser>()
    .UseWebAppMail(builder.Configuration);

builder.Services.AddHostedService<WebAppSetup>();
builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/Admin", WebAppOptions.AdminPolicy));
builder.Services.AddAuthorizationBuilder().AddPolicy(WebAppOptions.AdminPolicy, p => p.RequireRole(WebAppOptions.AdminRole));

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
await app.RunAsync();

/// <summary>The entry point, public so the browser tests can host it (WebApplicationFactory&lt;Program&gt;).</summary>
public partial class Program;
