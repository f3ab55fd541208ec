using System.Buffers;

namespace Invitations.Sms.Internal;

/// <summary>
/// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1). National language shift tables are
/// not assumed: a gateway that does not use them (most do not) would send such text as UCS-2, so counting it as UCS-2 is
/// the safe side.
/// </summary>
internal static class Gsm7
{
    // The 127 characters of the basic table (0x1B is the escape to the extension table, not a character).
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039EÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    // Sent as ESC + one septet: 2 septets each, and never split across two segments.
    private const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Basic = SearchValues.Create(BasicTable);

    private static readonly SearchValues<char> Extension = SearchValues.Create(ExtensionTable);

    /// <summary>The number of characters in the basic table.</summary>
    internal static int BasicCount => BasicTable.Length;

    /// <summary>The number of characters in the extension table.</summary>
    internal static int ExtensionCount => ExtensionTable.Length;

    /// <summary>The septets <paramref name="c"/> takes in GSM-7: 1 (basic table), 2 (extension table) or 0 (not encodable).</summary>
    /// <param name="c">A UTF-16 code unit.</param>
    /// <returns>1, 2 or 0.</returns>
    public static int Septets(char c) => Basic.Contains(c) ? 1 : Extension.Contains(c) ? 2 : 0;
}
