using System.Globalization;
using System.Text;

namespace Sonic.Pipeline.Captions;

/// <summary>
/// Captions as WebVTT (for the browser's <c>&lt;track&gt;</c>), SubRip (for editors and players) and ASS (what
/// ffmpeg's libass draws when captions are burned into the picture).
/// </summary>
public static class CaptionFiles
{
    public const string VttContentType = "text/vtt; charset=utf-8";
    public const string SrtContentType = "application/x-subrip; charset=utf-8";

    /// <summary>The burned captions' font; characters it lacks (CJK) come from fontconfig's fallback.</summary>
    public const string BurnFont = "DejaVu Sans";

    /// <summary>
    /// An ASS script that draws the cues bottom-centre in the frame's title-safe area: white bold text with a dark
    /// outline, sized to the frame (6 % of its height, smaller where the longest line would not fit its width), so it
    /// reads at 360p and scales with the output. The cues are already wrapped into at most two lines; libass draws
    /// them as given.
    /// </summary>
    public static string Ass(IReadOnlyList<CaptionCue> cues, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        // As large as the longest line allows across 90 % of the width, at most 6 % of the height.
        var widest = cues.SelectMany(c => c.Lines).Select(Ems).DefaultIfEmpty(1).Max();
        var size = Math.Max(8, (int)Math.Min(height * 0.06, width * 0.9 / widest));
        var outline = Math.Max(1, size / 12.0);
        var margin = (int)Math.Round(height * 0.06);
        var side = (int)Math.Round(width * 0.05);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            [Script Info]
            ScriptType: v4.00+
            PlayResX: {width}
            PlayResY: {height}
            WrapStyle: 2
            ScaledBorderAndShadow: yes
            YCbCr Matrix: TV.709

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Caption,{BurnFont},{size},&H00FFFFFF,&H00FFFFFF,&H00101010,&H80000000,-1,0,0,0,100,100,0,0,1,{outline:0.#},{outline / 2:0.#},2,{side},{side},{margin},1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

            """);
        foreach (var cue in cues)
        {
            var lines = cue.Lines.Select(line => line
                // Braces open override blocks and a backslash starts a command: shown as text instead.
                .Replace("\\", "\\\u2060", StringComparison.Ordinal)
                .Replace("{", "\\{", StringComparison.Ordinal)
                .Replace("}", "\\}", StringComparison.Ordinal));
            text.Append(CultureInfo.InvariantCulture, $"Dialogue: 0,{AssTime(cue.Start)},{AssTime(cue.End)},Caption,,0,0,0,,{string.Join("\\N", lines)}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="Ass"/> to <paramref name="path"/> (UTF-8 without a byte-order mark) and returns the path.</summary>
    public static string WriteAss(string path, IReadOnlyList<CaptionCue> cues, int width, int height)
    {
        File.WriteAllText(path, Ass(cues, width, height), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

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

    /// <summary>A line's width in em of the bold caption face, roughly: CJK characters are square, others about 0.6 em.</summary>
    private static double Ems(string line) => line.EnumerateRunes().Sum(r => CaptionBuilder.IsCjk(r.ToString()) ? 1.0 : 0.6);

    /// <summary>ASS times are h:mm:ss.cc (centiseconds).</summary>
    private static string AssTime(double seconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, seconds) * 100) * 10);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds / 10:00}");
    }

    private static string Time(double seconds, char separator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, seconds) * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");
    }
}
