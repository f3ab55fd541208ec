using Invitations.Templates;

namespace Invitations.Core.Tests.Templates;

public class ParallelRenderTests
{
    [Fact]
    public void Parallel_rendering_from_8_threads_matches_sequential_output()
    {
        var catalog = TemplateTestData.Catalog();
        var renderer = TemplateTestData.Renderer();
        var cases = Enumerable.Range(0, 200)
            .Select(i => (
                Locale: i % 3 == 0 ? "de" : "en",
                Channel: i % 4 == 0 ? MessageChannel.Sms : MessageChannel.Email,
                Model: TemplateTestData.Model(
                    givenName: "User" + i,
                    invitedBy: i % 5 == 0 ? null : "<Inviter " + i + ">",
                    accountName: "Account & " + i,
                    link: TemplateTestData.Link + i,
                    branding: i % 2 == 0 ? null : new InvitationBranding { TitleText = "Title " + i, FooterText = "F" + i })))
            .ToArray();
        RenderedTemplate RenderCase(int i)
        {
            var c = cases[i];
            catalog.TryResolve("INVITE_USER", c.Channel, c.Locale, out var template).Should().BeTrue();
            return renderer.Render(template, c.Model);
        }

        var sequential = Enumerable.Range(0, cases.Length).Select(RenderCase).ToArray();
        var parallel = new RenderedTemplate[cases.Length];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 5; round++)
            {
                for (var i = t; i < cases.Length; i += 8)
                {
                    var rendered = RenderCase((i + round * 8) % cases.Length);
                    if (round == 4)
                    {
                        parallel[(i + round * 8) % cases.Length] = rendered;
                    }
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        parallel.Should().Equal(sequential);
        sequential.Select(r => r.Text).Distinct().Should().HaveCount(cases.Length);
    }
}
