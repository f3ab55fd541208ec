namespace Invitations.WebApp.BrowserTests;

/// <summary>The browser tests never pass silently: without Chromium they report skipped, and under CI they fail.</summary>
public sealed class ChromiumTests
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "chromium");

    [Fact]
    public void A_missing_browser_is_a_reason_to_skip_outside_ci() =>
        Chromium.NotRunReason(Missing, ci: false).Should().Contain(Missing).And.Contain("setup-chromium.sh");

    [Fact]
    public void A_missing_browser_fails_under_ci()
    {
        var check = () => Chromium.NotRunReason(Missing, ci: true);

        check.Should().Throw<InvalidOperationException>().WithMessage("CI=true*");
    }

    [Fact]
    public void A_present_browser_runs_the_tests()
    {
        var file = Path.GetTempFileName();
        try
        {
            Chromium.NotRunReason(file, ci: true).Should().BeNull();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
