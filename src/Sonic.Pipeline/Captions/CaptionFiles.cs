using System.Globalization;
using System.Text;

namespace Sonic.Pipeline.Captions;

/// <summary>Captions as WebVTT (for the browser's <c>&lt;track&gt;</c>) and SubRip (for editors and players).</summary>
public static class CaptionFiles
{
    public static string WebVtt(IReadOnlyList<CaptionCue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var text = new StringBuilder("WEBVTT\n\n");
        for (var i = 0; i < cues.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Time(cues[i].Start, '.')} --> {Time(cues[i].End, '.')}\n");
            foreach (var line in cues[i].Lines)
            {
                // WebVTT cue text may not hold "-->" nor markup: &, < and > as entities.
                text.Append(line.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static string Srt(IReadOnlyList<CaptionCue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var text = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Time(cues[i].Start, ',')} --> {Time(cues[i].End, ',')}\n");
            foreach (var line in cues[i].Lines)
            {
                text.Append(line).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Where the captions of <paramref name="videoPath"/> go: <c>name.vtt</c> and <c>name.srt</c> beside it.</summary>
    public static (string Vtt, string Srt) BesidePaths(string videoPath) => (Path.ChangeExtension(videoPath, ".vtt"), Path.ChangeExtension(videoPath, ".srt"));

    /// <summary>Writes both files into <paramref name="folder"/> (under the names <see cref="BesidePaths"/> gives).</summary>
    public static (string Vtt, string Srt) Write(string folder, string videoFileName, IReadOnlyList<CaptionCue> cues)
    {
        var (vtt, srt) = BesidePaths(Path.Combine(folder, videoFileName));
        File.WriteAllText(vtt, WebVtt(cues), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.WriteAllText(srt, Srt(cues), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return (vtt, srt);
    }

    private static string Time(double seconds, char separator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, seconds) * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");
    }
}
