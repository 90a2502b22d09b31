using System.Globalization;
using Sonic.Media.Speech;

namespace Sonic.Pipeline.Captions;

/// <summary>
/// Groups timed words into captions of natural length, as subtitle guidelines do: at most two lines of
/// <see cref="MaxLineLength"/> characters (half that for CJK, whose text wraps by character, not by space), at most
/// <see cref="MaxCueSeconds"/> on screen, and a new caption after a sentence ends (and, when a caption is full, after
/// its last clause rather than mid-clause). Each caption starts when its first
/// word does and ends when its last word does, so cue starts are the speech's own word timings.
/// </summary>
public static class CaptionBuilder
{
    public const int MaxLineLength = 42;
    public const int MaxCjkLineLength = 21;
    public const int MaxLines = 2;
    public const double MaxCueSeconds = 6.0;

    /// <param name="offsetSeconds">Added to every time: where the speech starts in the video (negative when silence was trimmed off its start).</param>
    public static IReadOnlyList<CaptionCue> Build(IReadOnlyList<WordTiming> words, double offsetSeconds = 0, double? videoSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        var cues = new List<CaptionCue>();
        var pending = new List<WordTiming>();
        foreach (var word in words.SelectMany(Pieces))
        {
            if (pending.Count > 0 && (!Fits(pending, word) || word.End - pending[0].Start > MaxCueSeconds))
            {
                // Break after the last clause (a comma) in the caption's second half rather than leave a word stranded.
                var clause = pending.FindLastIndex(w => w.Text.Length > 0 && ",;:，、；：".Contains(w.Text[^1], StringComparison.Ordinal));
                var keep = clause >= pending.Count / 2 && clause < pending.Count - 1 ? clause + 1 : pending.Count;
                cues.Add(Cue(pending[..keep], offsetSeconds, videoSeconds));
                pending.RemoveRange(0, keep);
            }

            pending.Add(word);
            if (EndsSentence(word.Text))
            {
                cues.Add(Cue(pending, offsetSeconds, videoSeconds));
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            cues.Add(Cue(pending, offsetSeconds, videoSeconds));
        }

        return cues.Where(c => c.End > c.Start).ToList();
    }

    /// <summary>
    /// A "word" longer than a line — a whole sentence where a voice times only sentences (espeak-ng's Japanese), or
    /// a very long token — as pieces that fit: sentences, then lines; its time shared out by characters.
    /// </summary>
    private static IEnumerable<WordTiming> Pieces(WordTiming word)
    {
        var limit = IsCjk(word.Text) ? MaxCjkLineLength : MaxLineLength;
        var runes = word.Text.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count <= limit)
        {
            yield return word;
            yield break;
        }

        var pieces = new List<string>();
        var piece = string.Empty;
        var count = 0;
        foreach (var rune in runes)
        {
            piece += rune;
            count++;
            if (count >= limit || (rune.Length == 1 && ".!?。！？".Contains(rune[0], StringComparison.Ordinal)))
            {
                pieces.Add(piece.Trim());
                (piece, count) = (string.Empty, 0);
            }
        }

        pieces.Add(piece.Trim());
        pieces.RemoveAll(p => p.Length == 0);
        var total = pieces.Sum(p => p.Length);
        var start = word.Start;
        foreach (var text in pieces)
        {
            var end = start + ((word.End - word.Start) * text.Length / total);
            yield return new WordTiming(text, start, end);
            start = end;
        }
    }

    /// <summary>
    /// Whether the text (Han, kana, Hangul, or CJK punctuation such as 。，) wraps by character rather than at spaces,
    /// and is written without spaces between words.
    /// </summary>
    public static bool IsCjk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EnumerateRunes().Any(r => r.Value is (>= 0x3000 and <= 0x30FF) or (>= 0x3400 and <= 0x9FFF)
            or (>= 0xAC00 and <= 0xD7AF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFFEF));
    }

    /// <summary>Breaks caption text into lines: at spaces, or anywhere for CJK (never inside a word of other scripts).</summary>
    public static IReadOnlyList<string> Wrap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cjk = IsCjk(text);
        var limit = cjk ? MaxCjkLineLength : MaxLineLength;
        var lines = new List<string>();
        if (cjk)
        {
            var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
            for (var i = 0; i < runes.Length; i += limit)
            {
                lines.Add(string.Concat(runes.Skip(i).Take(limit)));
            }

            return Balance(lines, cjk);
        }

        var line = string.Empty;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + token.Length > limit)
            {
                lines.Add(line);
                line = token;
            }
            else
            {
                line = line.Length == 0 ? token : line + " " + token;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return Balance(lines, cjk);
    }

    private static bool Fits(List<WordTiming> pending, WordTiming next)
    {
        var text = Join(pending.Append(next));
        var limit = (IsCjk(text) ? MaxCjkLineLength : MaxLineLength) * MaxLines;
        return new StringInfo(text).LengthInTextElements <= limit && Wrap(text).Count <= MaxLines;
    }

    private static CaptionCue Cue(List<WordTiming> words, double offset, double? videoSeconds)
    {
        var start = Math.Max(0, words[0].Start + offset);
        var end = words[^1].End + offset;
        if (videoSeconds is { } limit)
        {
            end = Math.Min(end, limit);
        }

        return new CaptionCue(Math.Round(start, 3), Math.Round(end, 3), Wrap(Join(words)));
    }

    /// <summary>Words joined as written: with spaces, except between CJK words, which have none.</summary>
    private static string Join(IEnumerable<WordTiming> words)
    {
        var text = string.Empty;
        foreach (var word in words)
        {
            text = text.Length == 0 || (IsCjk(text[^1..]) && IsCjk(word.Text)) ? text + word.Text : text + " " + word.Text;
        }

        return text;
    }

    private static bool EndsSentence(string text) => text.Length > 0 && ".!?。！？…".Contains(text[^1], StringComparison.Ordinal);

    /// <summary>Two lines of similar length read better than a full line and a stub: move words down when the second is short.</summary>
    private static IReadOnlyList<string> Balance(List<string> lines, bool cjk)
    {
        if (lines.Count != 2 || cjk)
        {
            return lines;
        }

        var words = (lines[0] + " " + lines[1]).Split(' ');
        var best = lines;
        var bestGap = Math.Abs(lines[0].Length - lines[1].Length);
        for (var split = 1; split < words.Length; split++)
        {
            var first = string.Join(' ', words[..split]);
            var second = string.Join(' ', words[split..]);
            var gap = Math.Abs(first.Length - second.Length);
            if (first.Length <= MaxLineLength && second.Length <= MaxLineLength && gap < bestGap)
            {
                (best, bestGap) = ([first, second], gap);
            }
        }

        return best;
    }
}
