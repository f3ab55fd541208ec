using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Invitations.WebApp.BrowserTests;

/// <summary>The invitee's whole journey in a real browser: the admin invites, the link comes out of the real .eml file.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationJourneyTests(BrowserFixture browser)
{
    private const string Password = "Jane-Passw0rd!";

    [SkippableFact]
    public async Task The_admin_invites_and_the_invitee_registers_from_the_emailed_link_and_lands_signed_in_with_the_role()
    {
        await using var journey = Journey.Start(browser);
        var admin = await journey.SignedInAdminAsync();
        await Journey.InviteAsync(admin, "Jane", "Doe", "jane.doe@example.test", "editor");
        await Expect(admin.Locator("#pending tr[data-email='jane.doe@example.test']")).ToContainTextAsync("Jane Doe <jane.doe@example.test>");
        await Journey.ScreenshotAsync(admin, "admin-invited");

        var link = Mailbox.LinkTo(journey.App.Pickup, "jane.doe@example.test");
        link.Should().StartWith($"{journey.App.BaseUrl}/invite?invite_token=");

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(link);
        await Expect(invitee.Locator("#invited-email")).ToHaveValueAsync("jane.doe@example.test");
        await Expect(invitee.Locator("#invited-email")).ToHaveAttributeAsync("readonly", "");
        await Expect(invitee.Locator("#GivenName")).ToHaveValueAsync("Jane");
        await Expect(invitee.Locator("#FamilyName")).ToHaveValueAsync("Doe");
        await invitee.FillAsync("#Password", Password);
        await invitee.FillAsync("#ConfirmPassword", Password);
        await Journey.ScreenshotAsync(invitee, "register");
        await invitee.ClickAsync("#register button[type=submit]");

        await invitee.WaitForURLAsync($"{journey.App.BaseUrl}/welcome");
        await Expect(invitee.Locator("#signed-in")).ToHaveTextAsync("Signed in as jane.doe@example.test — roles: editor");
        await Journey.ScreenshotAsync(invitee, "welcome");
        (await journey.RolesOfAsync("jane.doe@example.test")).Should().Equal("editor");
        (await journey.InvitationOfAsync("jane.doe@example.test")).State.Should().Be(InvitationState.Accepted);

        // The link is spent: opening it again says so.
        var later = await journey.NewBrowserAsync();
        await later.GotoAsync(link);
        await Expect(later.Locator("h1")).ToHaveTextAsync("This invitation has been used");
        await Journey.ScreenshotAsync(later, "already-used");
    }

    [SkippableFact]
    public async Task A_double_click_on_submit_creates_exactly_one_account()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("double@example.test", "editor");

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(invited.Link!);
        await invitee.FillAsync("#Password", Password);
        await invitee.FillAsync("#ConfirmPassword", Password);
        await invitee.DblClickAsync("#register button[type=submit]");

        await invitee.WaitForURLAsync($"{journey.App.BaseUrl}/welcome");
        await Expect(invitee.Locator("#signed-in")).ToHaveTextAsync("Signed in as double@example.test — roles: editor");
        await Journey.ScreenshotAsync(invitee, "double-click");
        (await journey.CountUsersAsync()).Should().Be(2, "the administrator and the one invitee");
        (await journey.FactTypesAsync(invited.Invitation.Id)).Count(t => t == FactTypes.InviteAccepted).Should().Be(1);
    }

    [SkippableFact]
    public async Task A_mail_scanner_that_fetches_the_link_and_a_preview_in_the_browser_change_nothing()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("scanned@example.test");
        var factsBefore = await journey.FactTypesAsync(invited.Invitation.Id);

        using (var scanner = new HttpClient())
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await scanner.GetAsync(invited.Link);
                response.IsSuccessStatusCode.Should().BeTrue();
                response.Headers.CacheControl!.NoStore.Should().BeTrue("the page behind the link is never cached");
                response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            }
        }

        var preview = await journey.NewBrowserAsync();
        await preview.GotoAsync(invited.Link!);
        await Expect(preview.Locator("#invited-email")).ToHaveValueAsync("scanned@example.test");
        await Journey.ScreenshotAsync(preview, "preview-only");

        var after = await journey.InvitationOfAsync("scanned@example.test");
        after.State.Should().Be(InvitationState.Initiated);
        after.Version.Should().Be(invited.Invitation.Version);
        (await journey.FactTypesAsync(invited.Invitation.Id)).Should().Equal(factsBefore);
        (await journey.CountUsersAsync()).Should().Be(1, "only the administrator");
    }

    [SkippableFact]
    public async Task An_expired_link_shows_the_expired_page()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("late@example.test");
        journey.App.Time.Advance(TimeSpan.FromDays(8)); // past the default 7-day lifetime

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(invited.Link!);
        await Expect(invitee.Locator("h1")).ToHaveTextAsync("This invitation has expired");
        await Expect(invitee.Locator("#register")).ToHaveCountAsync(0);
        await Journey.ScreenshotAsync(invitee, "expired");
    }

    [SkippableFact]
    public async Task A_link_revoked_on_the_admin_page_shows_the_not_valid_page()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("revoked@example.test");
        var admin = await journey.SignedInAdminAsync();
        await admin.GotoAsync("/Admin");
        await admin.ClickAsync("#pending tr[data-email='revoked@example.test'] button.danger");
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked the invitation of revoked@example.test");
        await Expect(admin.Locator("#pending tr[data-email='revoked@example.test']")).ToHaveCountAsync(0);

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(invited.Link!);
        await Expect(invitee.Locator("h1")).ToHaveTextAsync("This link is not valid");
        await Expect(invitee.Locator("#link-state")).ToContainTextAsync("withdrawn");
        await Journey.ScreenshotAsync(invitee, "revoked");
        (await journey.InvitationOfAsync("revoked@example.test")).State.Should().Be(InvitationState.Revoked);
    }

    [SkippableFact]
    public async Task An_unknown_link_shows_the_not_valid_page()
    {
        await using var journey = Journey.Start(browser);
        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync("/invite?invite_token=not-a-real-token&view_type=register");
        await Expect(invitee.Locator("h1")).ToHaveTextAsync("This link is not valid");
        await Journey.ScreenshotAsync(invitee, "unknown");
    }

    [SkippableFact]
    public async Task A_script_in_the_invitees_name_renders_as_text_and_never_runs()
    {
        const string name = "<script>alert('xss')</script><img src=x onerror=alert(2)>";
        await using var journey = Journey.Start(browser);
        var admin = await journey.SignedInAdminAsync();
        await Journey.InviteAsync(admin, name, "Doe", "script@example.test", "member");
        await Expect(admin.Locator("#pending tr[data-email='script@example.test'] td").First).ToHaveTextAsync($"{name} Doe <script@example.test>");
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync(name);
        (await admin.Locator("main script, main img").CountAsync()).Should().Be(0);

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(Mailbox.LinkTo(journey.App.Pickup, "script@example.test"));
        await Expect(invitee.Locator("#GivenName")).ToHaveValueAsync(name);
        (await invitee.Locator("main script, main img").CountAsync()).Should().Be(0);
        await Journey.ScreenshotAsync(invitee, "script-in-name");
        journey.Dialogs.Should().BeEmpty("no script from the name ran");
    }

    [SkippableFact]
    public async Task Someone_signed_in_with_another_account_sees_it_and_can_sign_out_and_register()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("newcomer@example.test", "editor");
        var admin = await journey.SignedInAdminAsync();

        await admin.GotoAsync(invited.Link!);
        await Expect(admin.Locator("#other-account")).ToContainTextAsync($"You are signed in as {WebAppHost.AdminEmail}, but the invitation is for newcomer@example.test.");
        await Journey.ScreenshotAsync(admin, "signed-in-as-someone-else");
        await admin.ClickAsync("button:has-text('Sign out and register')");

        await Expect(admin.Locator("#invited-email")).ToHaveValueAsync("newcomer@example.test");
        await admin.FillAsync("#Password", Password);
        await admin.FillAsync("#ConfirmPassword", Password);
        await admin.ClickAsync("#register button[type=submit]");
        await Expect(admin.Locator("#signed-in")).ToHaveTextAsync("Signed in as newcomer@example.test — roles: editor");
        (await journey.RolesOfAsync(WebAppHost.AdminEmail)).Should().Equal("admin");
    }

    [SkippableFact]
    public async Task Resend_on_the_admin_page_mails_a_new_link_and_the_old_one_stops_working()
    {
        await using var journey = Journey.Start(browser);
        var admin = await journey.SignedInAdminAsync();
        await Journey.InviteAsync(admin, "Max", null, "max@example.test", "member");
        var first = Mailbox.LinkTo(journey.App.Pickup, "max@example.test");

        await admin.ClickAsync("#pending tr[data-email='max@example.test'] button.secondary");
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent again to Max <max@example.test>");
        await Expect(admin.Locator("#pending tr[data-email='max@example.test']")).ToContainTextAsync("2×");
        var messages = Mailbox.MessagesTo(journey.App.Pickup, "max@example.test");
        messages.Should().HaveCount(2);
        var second = messages.Select(Mailbox.LinkIn).Single(l => l != first);

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(first);
        await Expect(invitee.Locator("h1")).ToHaveTextAsync("This link is not valid");
        await invitee.GotoAsync(second);
        await Expect(invitee.Locator("#invited-email")).ToHaveValueAsync("max@example.test");
    }

    [SkippableFact]
    public async Task A_password_that_identity_refuses_is_explained_on_the_form_and_creates_nothing()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("weak@example.test");

        var invitee = await journey.NewBrowserAsync();
        await invitee.GotoAsync(invited.Link!);
        await invitee.FillAsync("#Password", "short");
        await invitee.FillAsync("#ConfirmPassword", "short");
        await invitee.ClickAsync("#register button[type=submit]");

        await Expect(invitee.Locator(".validation-summary-errors")).ToContainTextAsync("Passwords must be at least 6 characters.");
        await Expect(invitee.Locator("#invited-email")).ToHaveValueAsync("weak@example.test");
        await Journey.ScreenshotAsync(invitee, "weak-password");
        (await journey.CountUsersAsync()).Should().Be(1, "only the administrator");
        (await journey.InvitationOfAsync("weak@example.test")).State.Should().Be(InvitationState.Initiated);
    }

    [SkippableFact]
    public async Task Someone_signed_in_with_another_account_can_accept_into_it_and_gets_the_role()
    {
        await using var journey = Journey.Start(browser);
        var invited = await journey.InviteDirectlyAsync("team@example.test", "editor");
        var admin = await journey.SignedInAdminAsync();

        await admin.GotoAsync(invited.Link!);
        await admin.ClickAsync($"button:has-text('Accept into {WebAppHost.AdminEmail}')");

        await Expect(admin.Locator("#signed-in")).ToHaveTextAsync($"Signed in as {WebAppHost.AdminEmail} — roles: admin, editor");
        (await journey.CountUsersAsync()).Should().Be(1, "no account was created");
        var invitation = await journey.InvitationOfAsync("team@example.test");
        invitation.State.Should().Be(InvitationState.Accepted);
    }
}
