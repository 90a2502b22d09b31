using System.Diagnostics;
using System.Text;

namespace Sonic.Media.Video;

/// <summary>
/// Quoting for <see cref="ProcessStartInfo.Arguments"/>, the one argument string FFMpegCore hands to the process:
/// .NET splits it by the Windows rules on every platform, where backslashes are literal unless they precede a quote.
/// </summary>
internal static class ArgumentQuoting
{
    /// <summary><paramref name="value"/> as one argument, in double quotes.</summary>
    public static string Quote(string value) => "\"" + EscapeInsideQuotes(value) + "\"";

    /// <summary>
    /// What goes between the double quotes so that <paramref name="value"/> arrives unchanged: each quote escaped,
    /// the backslashes before a quote (or before the closing quote) doubled.
    /// </summary>
    public static string EscapeInsideQuotes(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        var backslashes = 0;
        foreach (var c in value)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            escaped.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return escaped.Append('\\', backslashes * 2).ToString();
    }
}
