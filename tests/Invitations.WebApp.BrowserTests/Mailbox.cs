using System.Text.RegularExpressions;
using MimeKit;

namespace Invitations.WebApp.BrowserTests;

/// <summary>Reads the .eml files the app wrote to its pickup folder, as a mail client would.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<MimeMessage> MessagesTo(string pickup, string address) =>
        Directory.Exists(pickup)
            ? [.. Directory.EnumerateFiles(pickup, "*.eml")
                .Select(file => MimeMessage.Load(file))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(m => m.Date)]
            : [];

    /// <summary>The invitation link of the one e-mail sent to <paramref name="address"/>, taken from its plain-text body.</summary>
    public static string LinkTo(string pickup, string address)
    {
        var messages = MessagesTo(pickup, address);
        messages.Should().ContainSingle($"one invitation e-mail to {address} is in {pickup}");
        return LinkIn(messages[0]);
    }

    public static string LinkIn(MimeMessage message)
    {
        var match = InvitationLink().Match(message.TextBody ?? "");
        match.Success.Should().BeTrue("the e-mail's text holds the invitation link:\n" + message.TextBody);
        return match.Value;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/invite\?invite_token=[^\s""<>]+")]
    private static partial Regex InvitationLink();
}
