using System.Text;
using System.Text.Encodings.Web;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// The encoder of every JSON that people read (CLI <c>--json</c>, the HTTP APIs, <c>results/{stem}.json</c>): text stays
/// text in UTF-8 — Chinese, emoji, apostrophes, <c>&lt;&gt;&amp;</c> — so a file name reads as itself in a terminal.
/// Escaped is only what JSON requires (<c>"</c>, <c>\</c>, C0 controls) plus C1 controls and U+2028/U+2029, which a
/// terminal or a JavaScript parser could act on. The built-in encoders, even <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>,
/// escape every character outside the Basic Multilingual Plane (emoji). Not for JSON embedded in HTML.
/// </summary>
public sealed class ReadableJsonEncoder : JavaScriptEncoder
{
    private ReadableJsonEncoder()
    {
    }

    public static ReadableJsonEncoder Instance { get; } = new();

    /// <summary><c>\uXXXX</c>.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar)
        => unicodeScalar is < 0x20 or '"' or '\\' or (>= 0x7F and <= 0x9F) or 0x2028 or 0x2029 or (>= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
                continue;
            }

            // A lone surrogate is not UTF-8; the writer replaces it with U+FFFD.
            if (WillEncode(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(destination, out numberOfCharactersWritten);
        }

        var escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => FormattableString.Invariant($"\\u{unicodeScalar:X4}"),
        };
        numberOfCharactersWritten = escaped.TryCopyTo(destination) ? escaped.Length : 0;
        return numberOfCharactersWritten > 0;
    }
}
