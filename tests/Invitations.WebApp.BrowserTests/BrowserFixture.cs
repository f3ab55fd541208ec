using Microsoft.Playwright;

namespace Invitations.WebApp.BrowserTests;

/// <summary>One Playwright driver and one headless Chromium for all browser tests; each test gets fresh contexts (no shared cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string? NotRunReason { get; private set; }

    public async Task InitializeAsync()
    {
        NotRunReason = Chromium.NotRunReason();
        if (NotRunReason is not null)
        {
            return;
        }

        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium.ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
