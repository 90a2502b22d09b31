using System.Text;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// Builds <c>Content-Disposition: attachment</c> with both forms browsers understand (RFC 6266 §4.3): a quoted ASCII
/// <c>filename</c> for old clients (non-ASCII replaced by '_') and <c>filename*=UTF-8''…</c> (RFC 5987/8187
/// percent-encoding) that modern browsers prefer, so Chinese and accented names download as typed.
/// </summary>
public static class ContentDispositionHeader
{
    /// <summary>
    /// The header for downloading as <paramref name="fileName"/> (with extension). The name must already be sanitised:
    /// quotes, backslashes and control characters (CR/LF included) are refused, never escaped, so no caller can ever
    /// smuggle a header break or a second parameter through.
    /// </summary>
    public static string Attachment(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        foreach (var c in fileName)
        {
            if (c is '"' or '\\' || char.IsControl(c))
            {
                throw new ArgumentException("A download name must not contain quotes, backslashes or control characters.", nameof(fileName));
            }
        }

        return $"attachment; filename=\"{AsciiFallback(fileName)}\"; filename*=UTF-8''{EncodeRfc5987(fileName)}";
    }

    /// <summary>The name with every non-ASCII character replaced by '_' (the extension, being ASCII, survives).</summary>
    public static string AsciiFallback(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var builder = new StringBuilder(fileName.Length);
        foreach (var rune in fileName.EnumerateRunes())
        {
            builder.Append(rune.Value is >= 0x20 and < 0x7F ? (char)rune.Value : '_');
        }

        return builder.ToString();
    }

    /// <summary>RFC 5987 <c>value-chars</c>: attr-chars as they are, every other UTF-8 byte as <c>%XX</c>.</summary>
    public static string EncodeRfc5987(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsAttrChar(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // RFC 5987 §3.2.1: attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    private static bool IsAttrChar(byte b)
        => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^'
            or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
}
