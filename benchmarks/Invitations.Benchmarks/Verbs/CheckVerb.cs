using Invitations.Benchmarks.Floor;
using Invitations.Benchmarks.Peers;

namespace Invitations.Benchmarks.Verbs;

/// <summary><c>check</c>: renders the benchmark e-mail with every engine and compares each to the hand-written floor.</summary>
public static class CheckVerb
{
    public static int Run(string[] args)
    {
        var model = new EmailModel
        {
            Name = "Jane Doe",
            InvitedBy = "Ada Admin",
            AccountName = "Acme & Co",
            InviteLink = "https://app.example.com/login?invite_token=abc&view_type=register",
            ExpiresAt = "March 12, 2026 2:30 PM UTC",
        };
        var floor = HandRenderer.Render(model);
        var engines = new (string Name, Func<EmailModel, (string Subject, string Html, string Text)> Render)[]
        {
            ("Fluid new context", FluidDirect.Render),
            ("Scriban reused", new ScribanDirect().Render),
            ("Scriban new context", ScribanDirect.RenderNewContext),
            ("DotLiquid", DotLiquidRenderer.Render),
            ("Handlebars.Net", HandlebarsRenderer.Render),
        };
        var failed = 0;
        foreach (var (name, render) in engines)
        {
            var r = render(model);
            var same = (Norm(r.Subject) == Norm(floor.Subject), Norm(r.Html) == Norm(floor.Html), Norm(r.Text) == Norm(floor.Text));
            Console.WriteLine($"{name,-22} subject {same.Item1,-5} html {same.Item2,-5} ({r.Html.Length} vs {floor.Html.Length} chars) text {same.Item3,-5}");
            if (args.Contains("--show") || !(same.Item1 && same.Item2 && same.Item3))
            {
                Console.WriteLine("--- subject\n" + r.Subject + "\n--- html\n" + r.Html + "\n--- text\n" + r.Text + "\n---");
                failed++;
            }
        }

        if (args.Contains("--show"))
        {
            Console.WriteLine("--- floor subject\n" + floor.Subject + "\n--- floor html\n" + floor.Html + "\n--- floor text\n" + floor.Text + "\n---");
        }

        return failed == 0 ? 0 : 1;
    }

    // Engines differ in whitespace trimming and entity spelling (&#39; vs &#x27;); compare the content.
    private static string Norm(string s) => string.Join(' ', s.Replace("&#39;", "'", StringComparison.Ordinal).Replace("&#x27;", "'", StringComparison.Ordinal).Replace("&#x3D;", "=", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
        .Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
