using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Invitations.WebApp.BrowserTests;

/// <summary>
/// One test's world: a fresh app (own SQLite file and pickup folder) and browser contexts on it. Records every dialog a
/// page opens (a script that ran would open one) and saves a screenshot of each page it names.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    public static readonly InvitationActor Admin = InvitationActor.Admin("test-admin", "Test Admin");

    private readonly List<IBrowserContext> _contexts = [];

    private Journey(IBrowser browser, WebAppHost app) => (Browser, App) = (browser, app);

    public IBrowser Browser { get; }

    public WebAppHost App { get; }

    public List<string> Dialogs { get; } = [];

    public static string ScreenshotDirectory { get; } = Path.Combine(
        typeof(Journey).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "TestResults", "screenshots");

    /// <summary>Starts the app; a test without Chromium reports skipped here (and fails under CI=true).</summary>
    public static Journey Start(BrowserFixture fixture)
    {
        Skip.If(fixture.NotRunReason is not null, "NOT RUN: " + fixture.NotRunReason);
        var app = new WebAppHost();
        app.StartServer();
        return new Journey(fixture.Browser!, app);
    }

    /// <summary>A page in a new browser context: its own cookies, as another person's browser.</summary>
    public async Task<IPage> NewBrowserAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 1000, Height = 720 } });
        // Generous limits: the machine may be busy (a first request compiles the pages); a wait ends as soon as its condition holds.
        context.SetDefaultTimeout(60_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        return page;
    }

    public async Task<IPage> SignedInAdminAsync()
    {
        var page = await NewBrowserAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.FillAsync("#Email", WebAppHost.AdminEmail);
        await page.FillAsync("#Password", WebAppHost.AdminPassword);
        await page.ClickAsync("form button[type=submit]");
        try
        {
            // The URL once the navigation commits, then the page's own text: waiting for the load event as well lost the
            // race once on a loaded CI machine (the page was there, the wait timed out).
            await page.WaitForURLAsync("**/welcome", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
            await page.Locator("main").GetByText("Signed in as").WaitForAsync();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Signing in as the administrator did not reach /welcome; {page.Url} shows: {await page.InnerTextAsync("main")}", e);
        }

        return page;
    }

    /// <summary>Fills and sends the admin page's invite form, and waits for the page that reports the result.</summary>
    public static async Task InviteAsync(IPage admin, string? givenName, string? familyName, string email, string role)
    {
        await admin.GotoAsync("/Admin");
        if (givenName is not null)
        {
            await admin.FillAsync("#GivenName", givenName);
        }

        if (familyName is not null)
        {
            await admin.FillAsync("#FamilyName", familyName);
        }

        await admin.FillAsync("#Email", email);
        await admin.SelectOptionAsync("#Role", role);
        await admin.ClickAsync("#invite button[type=submit]");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"{email}");
    }

    /// <summary>An invitation made directly through the library (its link is returned once), for tests about what the link does.</summary>
    public async Task<InviteResult> InviteDirectlyAsync(string email, string role = "member", string? givenName = null)
    {
        var invited = await Service<IInvitationManager>().InviteAsync(new InviteRequest
        {
            Inviter = Admin,
            Email = email,
            GivenName = givenName,
            Roles = [role],
            RedirectLink = $"{App.BaseUrl}/welcome",
        });
        invited.IsSuccess.Should().BeTrue(invited.Error?.ToString());
        return invited.Value;
    }

    public async Task<int> CountUsersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().Users.CountAsync();
    }

    public async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(email);
        user.Should().NotBeNull($"an account for {email} exists");
        return await users.GetRolesAsync(user!);
    }

    public async Task<InvitationSnapshot> InvitationOfAsync(string email)
    {
        var found = await Service<IInvitationManager>().FindAsync(new InvitationSearch { Email = email }, Admin);
        found.IsSuccess.Should().BeTrue(found.Error?.ToString());
        return found.Value.Items.Should().ContainSingle().Subject;
    }

    public async Task<IReadOnlyList<string>> FactTypesAsync(InvitationId id)
    {
        var facts = await Service<IInvitationManager>().ListFactsAsync(id, Admin);
        facts.IsSuccess.Should().BeTrue(facts.Error?.ToString());
        return [.. facts.Value.Select(f => f.Type)];
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
