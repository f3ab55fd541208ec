namespace Invitations.Core.Tests.Templates;

/// <summary>
/// A hostile-input corpus built in code from the well-known XSS vector families (OWASP's filter-evasion cheat sheet and the
/// published polyglots): tag injection with event handlers, attribute and context breakers, dangerous URL schemes, encoded
/// and Unicode variants, polyglots, and Liquid markup. Families are crossed, so every breaker meets every injection.
/// </summary>
internal static class XssCorpus
{
    private static readonly string[] Tags =
    [
        "script", "img", "svg", "iframe", "body", "a", "style", "object", "embed", "math", "details", "video", "audio", "input",
        "form", "marquee", "base", "meta", "link", "template", "xmp", "textarea", "select", "button", "isindex", "frameset",
    ];

    private static readonly string[] Handlers = ["onerror", "onload", "onfocus", "onmouseover", "ontoggle", "onbegin", "onpointerenter", "OnClick"];

    private static readonly string[] Breakers = ["", "\"", "'", "`", "\">", "'>", "`>", "\"/>", "-->", "]]>", "</title>", "</textarea>", "</style>", "</a>", "</p></td></tr></table>"];

    private static readonly string[] Injections =
    [
        "<script>alert(1)</script>",
        " onmouseover=alert(1) x=",
        "\" autofocus onfocus=\"alert(1)",
        "' style='x:expression(alert(1))",
        " href=javascript:alert(1) ",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg/onload=alert(1)>",
        "<iframe src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></iframe>",
    ];

    private static readonly string[] Schemes =
    [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", " javascript:alert(1)",
        "\u0001javascript:alert(1)", "&#106;avascript:alert(1)", "&#x6A;&#x61;vascript:alert(1)", "javascript&colon;alert(1)",
        "data:text/html,<script>alert(1)</script>", "data:image/svg+xml;base64,PHN2Zy8+", "vbscript:msgbox(1)", "//evil.example/x",
    ];

    private static readonly string[] Encodings =
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;", "&#x3C;script&#x3E;", "&#0000060script",
        "%3Cscript%3Ealert(1)%3C/script%3E", "%253Cscript%253E", "&amp;lt;script&amp;gt;", "\\u003cscript\\u003e", "\\x3cscript\\x3e",
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-", "\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E", "\u02C2script\u02C3",
        "<scr\u200Bipt>alert(1)</scr\u200Bipt>", "<scr\0ipt>alert(1)</script>", "<\u0000img src=x onerror=alert(1)>",
        "\u202E>tpircs/<)1(trela>tpircs<", "<ſcript>alert(1)</ſcript>", "<İmg src=x onerror=alert(1)>", "<<script>alert(1)//<</script>",
        "<script\x20type=\"text/javascript\">alert(1);</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<scr<script>ipt>alert(1)</script>",
    ];

    private static readonly string[] Polyglots =
    [
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
        "'\"--></style></script><script>alert(1)</script>",
        "\"'><img src=x onerror=alert(1)><!--",
        "--><!-- --\u0021><script>alert(1)</script>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<form><button formaction=javascript:alert(1)>x",
        "<object data=\"javascript:alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:/\">",
        "<div style=\"background:url(javascript:alert(1))\">",
        "{{ invite_link }}{% raw %}<script>{% endraw %}",
        "{{ '<script>' | raw }}",
        "{% capture x %}<script>{% endcapture %}{{ x }}",
    ];

    /// <summary>The distinct payloads of every family and their crossings.</summary>
    public static IReadOnlyList<string> Payloads { get; } = Build();

    private static List<string> Build()
    {
        var all = new List<string>();
        foreach (var tag in Tags)
        {
            foreach (var handler in Handlers)
            {
                all.Add($"<{tag} {handler}=alert(1)>");
                all.Add($"<{tag} src=x {handler}=\"alert(1)\"></{tag}>");
            }
        }

        foreach (var breaker in Breakers)
        {
            foreach (var injection in Injections)
            {
                all.Add(breaker + injection);
            }
        }

        foreach (var scheme in Schemes)
        {
            all.Add(scheme);
            all.Add($"<a href=\"{scheme}\">x</a>");
            all.Add($"\"><a href='{scheme}'>x</a>");
        }

        all.AddRange(Encodings);
        all.AddRange(Polyglots);
        foreach (var polyglot in Polyglots)
        {
            all.Add(polyglot.ToUpperInvariant());
        }

        return all.Distinct(StringComparer.Ordinal).ToList();
    }
}
