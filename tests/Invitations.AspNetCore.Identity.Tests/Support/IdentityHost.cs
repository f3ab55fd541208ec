using System.Security.Claims;
using Invitations.AspNetCore.Identity;
using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Invitations.AspNetCore.Identity.Tests.Support;

/// <summary>
/// Identity (EF Core, on a fresh SQLite file per host) and invitations (the in-memory store, or the EF Core store in the
/// same file) in one service provider, with a fake clock and a captured log at Trace level.
/// </summary>
public sealed class IdentityHost : IAsyncDisposable
{
    public const string StrongPassword = "Correct-Horse-9-Battery";
    public const string LoginUri = "https://app.example.com/register";
    private readonly string _directory;

    private IdentityHost(ServiceProvider services, string directory, FakeClock clock, FakeLogCollector logs)
    {
        Services = services;
        _directory = directory;
        Clock = clock;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public FakeClock Clock { get; }

    public FakeLogCollector Logs { get; }

    public FaultingStore Store => (FaultingStore)Services.GetRequiredService<IInvitationStore>();

    public static async Task<IdentityHost> StartAsync(
        Action<InvitationAccountOptions>? accounts = null, bool efInvitationStore = false, Action<IdentityOptions>? identity = null, params string[] roles)
    {
        var services = new ServiceCollection();
        var (directory, clock, logs) = ConfigureServices(services, accounts, efInvitationStore, identity);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await PrepareAsync(provider, roles);
        return new IdentityHost(provider, directory, clock, logs);
    }

    /// <summary>Everything but the provider: for a web host that builds its own.</summary>
    public static (string Directory, FakeClock Clock, FakeLogCollector Logs) ConfigureServices(
        IServiceCollection services, Action<InvitationAccountOptions>? accounts = null, bool efInvitationStore = false, Action<IdentityOptions>? identity = null,
        Action<InvitationsBuilder>? invitationsBuilder = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "invitations-identity-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var connectionString = $"Data Source={Path.Combine(directory, "app.db")};Pooling=True;Default Timeout=60";
        var logs = new FakeLogCollector();
        services.AddLogging(l => l.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 5, 14, 30));
        services.AddSingleton<IClock>(clock);
        services.AddDbContextFactory<TestDb>(o => o.UseSqlite(connectionString));
        services.AddIdentityCore<IdentityUser>(o => identity?.Invoke(o)).AddRoles<IdentityRole>().AddEntityFrameworkStores<TestDb>();
        var invitations = services.AddInvitations(o =>
        {
            o.Defaults.AccountName = "Acme";
            o.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = LoginUri };
        });
        if (efInvitationStore)
        {
            services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
            invitations.UseEntityFrameworkCore<TestDb>();
        }

        invitationsBuilder?.Invoke(invitations);
        invitations.AddIdentityAccounts<IdentityUser>(accounts);

        // Every store is wrapped, so any test can interleave a request or fail a write; unhooked it only delegates.
        var store = services.Last(d => d.ServiceType == typeof(IInvitationStore));
        services.Remove(store);
        services.AddSingleton(store.ImplementationType!);
        services.AddSingleton<IInvitationStore>(sp => new FaultingStore((IInvitationStore)sp.GetRequiredService(store.ImplementationType!)));
        return (directory, clock, logs);
    }

    /// <summary>Creates the tables (Identity's and the invitations') in the one file, and the roles.</summary>
    public static async Task PrepareAsync(IServiceProvider provider, params string[] roles)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        await db.Database.EnsureInvitationsSchemaAsync();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in roles)
        {
            (await roleManager.CreateAsync(new IdentityRole(role))).Succeeded.Should().BeTrue();
        }
    }

    /// <summary>Invites and returns the invitation id and the live token (taken from the link).</summary>
    public async Task<(InvitationId Id, string Token)> InviteAsync(InviteRequest request)
    {
        var result = await Services.GetRequiredService<IInvitationManager>().InviteAsync(request);
        result.IsSuccess.Should().BeTrue(result.Error?.ToString());
        var link = new Uri(result.Value.Link!);
        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query)["invite_token"].ToString();
        return (result.Value.Invitation.Id, token);
    }

    public Task<(InvitationId Id, string Token)> InviteAsync(string email = "bob@example.com", string[]? roles = null, string[]? groups = null, Dictionary<string, string>? fields = null, bool skipSend = false) =>
        InviteAsync(new InviteRequest
        {
            Inviter = InvitationActor.Admin("alice"),
            Email = email,
            GivenName = "Bob",
            FamilyName = "Builder",
            ClientId = "web",
            Roles = roles ?? [],
            Groups = groups ?? [],
            CustomFields = fields,
            SkipSend = skipSend,
        });

    /// <summary>Registers in a scope of its own, as one HTTP request would.</summary>
    public async Task<InvitationAccountResult<IdentityUser>> RegisterAsync(InvitationRegistration registration)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInvitationAccounts<IdentityUser>>().RegisterAsync(registration, CancellationToken.None);
    }

    public Task<InvitationAccountResult<IdentityUser>> RegisterAsync(string token, string password = StrongPassword, string? userName = null) =>
        RegisterAsync(new InvitationRegistration { Token = token, Password = password, UserName = userName, RequestId = "req-1" });

    public async Task<InvitationResult<SignedInInvitationCheck>> CheckSignedInAsync(ClaimsPrincipal principal, string token)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInvitationAccounts<IdentityUser>>().CheckSignedInAsync(principal, token, CancellationToken.None);
    }

    public async Task<InvitationAccountResult<IdentityUser>> AcceptSignedInAsync(IdentityUser user, string token)
    {
        var principal = await PrincipalAsync(user);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IInvitationAccounts<IdentityUser>>().AcceptSignedInAsync(principal, token, CancellationToken.None);
    }

    public async Task<T> WithUsersAsync<T>(Func<UserManager<IdentityUser>, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>());
    }

    /// <summary>Changes the stored account (loaded afresh in a scope of its own, as another request would).</summary>
    public Task<IdentityResult> ChangeUserAsync(IdentityUser user, Func<UserManager<IdentityUser>, IdentityUser, Task<IdentityResult>> change) =>
        WithUsersAsync(async u => await change(u, (await u.FindByIdAsync(user.Id))!));

    public Task<List<IdentityUser>> UsersAsync() => WithUsersAsync(u => u.Users.OrderBy(x => x.UserName).ToListAsync());

    public Task<IList<Claim>> ClaimsAsync(IdentityUser user) => WithUsersAsync(u => u.GetClaimsAsync(user));

    public Task<IList<string>> RolesAsync(IdentityUser user) => WithUsersAsync(u => u.GetRolesAsync(user));

    public async Task<InvitationData> InvitationAsync(InvitationId id) => (await Store.FindAsync(id, CancellationToken.None))!;

    /// <summary>A principal as the cookie handler would build it for <paramref name="user"/>.</summary>
    public Task<ClaimsPrincipal> PrincipalAsync(IdentityUser user) => WithUsersAsync(async u =>
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(u.Options.ClaimsIdentity.UserIdClaimType, await u.GetUserIdAsync(user))], "test")));

    public async Task<IdentityUser> CreateUserAsync(string email, string? password = StrongPassword)
    {
        var user = new IdentityUser { UserName = email, Email = email };
        var result = await WithUsersAsync(u => password is null ? u.CreateAsync(user) : u.CreateAsync(user, password));
        result.Succeeded.Should().BeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return user;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        DeleteDirectory(_directory);
    }

    public static void DeleteDirectory(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
