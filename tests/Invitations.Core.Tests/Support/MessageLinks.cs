using System.Text.RegularExpressions;

namespace Invitations.Core.Tests.Support;

/// <summary>Finds the links a message carries.</summary>
public static partial class MessageLinks
{
    /// <summary>The one invitation link (token link or short link) in a message's text body.</summary>
    public static string In(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Link().Matches(message.TextBody).Select(m => m.Value).Distinct().Should().ContainSingle().Subject;
    }

    /// <summary>The token of the one token link in a message.</summary>
    public static string TokenIn(OutgoingMessage message) => TestHost.TokenOf(In(message));

    [GeneratedRegex(@"https://app\.example\.com/[^\s""<]+")]
    private static partial Regex Link();
}
