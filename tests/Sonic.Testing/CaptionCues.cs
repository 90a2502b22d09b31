using System.Globalization;
using System.Text.RegularExpressions;

namespace Sonic.Testing;

/// <summary>One parsed caption: its times in seconds, its lines, and the lines joined by spaces.</summary>
public sealed record ParsedCue(double Start, double End, string Text, IReadOnlyList<string> Lines);

/// <summary>A strict reader of WebVTT (<c>.</c> before the milliseconds) and SRT (<c>,</c>) cue blocks, for asserting on caption files.</summary>
public static partial class CaptionCues
{
    public static List<ParsedCue> Parse(string file, char separator)
    {
        ArgumentNullException.ThrowIfNull(file);
        var cues = new List<ParsedCue>();
        foreach (var block in file.Replace("\r", string.Empty, StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            var timing = lines.FindIndex(l => l.Contains("-->", StringComparison.Ordinal));
            if (timing < 0)
            {
                continue;
            }

            var match = CueTime().Match(lines[timing]);
            if (!match.Success || match.Groups["sep"].Value != separator.ToString())
            {
                throw new FormatException($"Not a cue timing with '{separator}': {lines[timing]}");
            }

            var text = lines.Skip(timing + 1).ToList();
            cues.Add(new ParsedCue(Seconds(match.Groups["start"].Value), Seconds(match.Groups["end"].Value), string.Join(' ', text), text));
        }

        return cues;
    }

    private static double Seconds(string time) =>
        TimeSpan.ParseExact(time.Replace(',', '.'), @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture).TotalSeconds;

    [GeneratedRegex(@"^(?<start>\d\d:\d\d:\d\d(?<sep>[.,])\d\d\d) --> (?<end>\d\d:\d\d:\d\d[.,]\d\d\d)$")]
    private static partial Regex CueTime();
}
