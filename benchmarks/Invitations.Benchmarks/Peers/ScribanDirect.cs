using Invitations.Benchmarks.Fixtures;
using Scriban;
using Scriban.Runtime;

namespace Invitations.Benchmarks.Floor;

/// <summary>
/// Scriban used directly on the same Liquid source, the way a developer would without the library:
/// either reusing one context per thread (the "Scriban floor") or with a new context per render
/// (<see cref="Template.Render(object, MemberRenameDelegate, MemberFilterDelegate)"/>: the naive use).
/// </summary>
public sealed class ScribanDirect
{
    private static readonly Template SubjectT = Parse(InviteTemplateSource.Subject);
    private static readonly Template HtmlT = Parse(InviteTemplateSource.HtmlEscaped);
    private static readonly Template TextT = Parse(InviteTemplateSource.Text);

    [ThreadStatic]
    private static State? t_state;

    public (string Subject, string Html, string Text) Render(EmailModel m)
    {
        var s = t_state ??= new State();
        var g = s.Globals;
        g["name"] = m.Name;
        g["invited_by"] = m.InvitedBy;
        g["account_name"] = m.AccountName;
        g["invite_link"] = m.InviteLink;
        g["expires_at"] = m.ExpiresAt;
        var subject = RenderPart(s, SubjectT).ReplaceLineEndings(" ");
        var html = RenderPart(s, HtmlT);
        var text = RenderPart(s, TextT);
        return (subject, html, text);
    }

    /// <summary>The naive use: a new <see cref="LiquidTemplateContext"/> and model import per part.</summary>
    public static (string Subject, string Html, string Text) RenderNewContext(EmailModel m)
    {
        var model = new
        {
            name = m.Name,
            invited_by = m.InvitedBy,
            account_name = m.AccountName,
            invite_link = m.InviteLink,
            expires_at = m.ExpiresAt,
        };
        return (SubjectT.Render(model).ReplaceLineEndings(" "), HtmlT.Render(model), TextT.Render(model));
    }

    private static string RenderPart(State s, Template t)
    {
        s.Context.PushGlobal(s.Globals);
        try
        {
            return t.Render(s.Context);
        }
        finally
        {
            s.Context.PopGlobal();
            if (s.Context.Output is StringBuilderOutput o)
            {
                o.Builder.Clear();
            }
        }
    }

    private static Template Parse(string source)
    {
        var t = Template.ParseLiquid(source);
        return t.HasErrors ? throw new InvalidOperationException(string.Join("; ", t.Messages)) : t;
    }

    private sealed class State
    {
        public LiquidTemplateContext Context { get; } = new() { LoopLimit = 1000, RecursiveLimit = 64 };

        public ScriptObject Globals { get; } = new();
    }
}
