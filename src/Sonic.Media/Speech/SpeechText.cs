using System.Net;
using System.Text.RegularExpressions;

namespace Sonic.Media.Speech;

/// <summary>What a script says as captions show it: SSML markup and entities removed, every run of whitespace one space.</summary>
public static partial class SpeechText
{
    public static string Plain(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return string.Join(' ', WebUtility.HtmlDecode(Markup().Replace(script, " ")).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex("<[^>]*>?")]
    private static partial Regex Markup();
}
