using System.Net;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// The small HTML page published next to a video: an HTML5 player (with the captions track when there is one) and a download link. The video is referenced
/// by its relative, percent-encoded name (the page sits in the same folder), and every interpolated value is
/// HTML-encoded, so a name such as <c>&lt;script&gt;</c> is shown as text.
/// </summary>
public static class PreviewPage
{
    /// <param name="title">What the user called the video (shown, HTML-encoded).</param>
    /// <param name="videoFileName">The published file name beside the page, e.g. <c>Leo_talks.mp4</c>.</param>
    /// <param name="posterFileName">The poster JPEG beside the page, shown before playback; null for none.</param>
    /// <param name="captionsFileName">The WebVTT captions beside the page, shown by default as the video's track; null for none.</param>
    public static string Render(string title, string videoFileName, string? posterFileName = null, string? captionsFileName = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentException.ThrowIfNullOrEmpty(videoFileName);
        var src = Encode(Uri.EscapeDataString(videoFileName));
        var text = Encode(title);
        var file = Encode(videoFileName);
        var poster = posterFileName is null ? string.Empty : $" poster=\"{Encode(Uri.EscapeDataString(posterFileName))}\"";
        var track = captionsFileName is null
            ? string.Empty
            : $"<track kind=\"captions\" label=\"Captions\" src=\"{Encode(Uri.EscapeDataString(captionsFileName))}\" default>";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{text}}</title>
            <style>
            body { margin: 0; font-family: system-ui, sans-serif; background: #111; color: #eee; }
            main { max-width: 960px; margin: 0 auto; padding: 1.5rem; }
            h1 { font-size: 1.25rem; font-weight: 600; overflow-wrap: anywhere; }
            video { width: 100%; max-height: 80vh; background: #000; }
            a { color: #8cf; }
            </style>
            </head>
            <body>
            <main>
            <h1>{{text}}</h1>
            <video controls playsinline preload="metadata"{{poster}} src="{{src}}">{{track}}</video>
            <p><a href="{{src}}" download="{{file}}">Download {{file}}</a></p>
            </main>
            </body>
            </html>

            """;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
