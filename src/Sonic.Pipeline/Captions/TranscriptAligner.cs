using System.Text;
using Sonic.Media.Audio;
using Sonic.Media.Speech;

namespace Sonic.Pipeline.Captions;

/// <summary>
/// Times the words of a transcript against an uploaded recording, approximately: the silence detector's 20 ms levels
/// (<see cref="SilenceTrimmer"/>) split the speech into voiced stretches at pauses of at least
/// <see cref="MinPauseSeconds"/>; each sentence starts at the end of the pause nearest to where its share of the
/// syllables (vowel groups; one per CJK character) would put it, and its words are laid over its voiced time in
/// proportion to their syllables. Pauses get no words. Good to a few tenths of a second on clear speech; a script's
/// own timings are exact.
/// </summary>
public static class TranscriptAligner
{
    /// <summary>Silence shorter than this is inside a phrase (stops, breaths between words), not a pause between them.</summary>
    public const double MinPauseSeconds = 0.15;

    /// <summary>How far a sentence's estimated start may move to the end of a pause.</summary>
    public const double MaxSnapSeconds = 1.0;

    /// <summary>The least time a sentence gets, however its neighbours snap.</summary>
    public const double MinSentenceSeconds = 0.1;

    /// <param name="offsetSeconds">Added to every time (where <paramref name="mono"/> starts in the original recording).</param>
    public static IReadOnlyList<WordTiming> Align(string transcript, ReadOnlySpan<float> mono, int sampleRate, double offsetSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var words = Words(SpeechText.Plain(transcript));
        if (words.Count == 0 || mono.IsEmpty)
        {
            return [];
        }

        var voiced = VoicedStretches(mono, sampleRate);
        var weights = words.Select(Syllables).ToArray();
        var sentences = Sentences(words);

        // Where each sentence starts: its share of the syllables as a point in the voiced time, then moved to the end
        // of the nearest pause (a speaker breathes between sentences) when one lies within MaxSnapSeconds.
        var cumulative = new double[words.Count + 1];
        for (var i = 0; i < words.Count; i++)
        {
            cumulative[i + 1] = cumulative[i] + weights[i];
        }

        var total = voiced.Sum(v => v.End - v.Start);
        var starts = new double[sentences.Count];
        var ends = new double[sentences.Count];
        starts[0] = voiced[0].Start;
        ends[^1] = voiced[^1].End;
        for (var k = 1; k < sentences.Count; k++)
        {
            // Never before the previous sentence has had its minimum time, so no sentence collapses or runs backwards.
            var floor = Math.Min(starts[k - 1] + MinSentenceSeconds, voiced[^1].End);
            var estimate = Math.Max(floor, At(voiced, total * cumulative[sentences[k].From] / cumulative[^1], startOfWord: true));
            var pause = Enumerable.Range(1, voiced.Count - 1)
                .Select(i => (Start: voiced[i - 1].End, End: voiced[i].Start))
                .Where(p => p.Start >= floor)
                .OrderBy(p => Math.Abs(p.End - estimate))
                .FirstOrDefault();
            (ends[k - 1], starts[k]) = pause.End > 0 && Math.Abs(pause.End - estimate) <= MaxSnapSeconds ? (pause.Start, pause.End) : (estimate, estimate);
        }

        var timed = new List<WordTiming>(words.Count);
        for (var k = 0; k < sentences.Count; k++)
        {
            // Within a sentence, its words over its own voiced time, by syllables.
            var inside = voiced.Select(v => (Start: Math.Max(v.Start, starts[k]), End: Math.Min(v.End, ends[k]))).Where(v => v.End > v.Start).ToList();
            if (inside.Count == 0)
            {
                inside = [(starts[k], Math.Max(starts[k], ends[k]))];
            }

            var length = inside.Sum(v => v.End - v.Start);
            var (from, to) = sentences[k];
            var weight = cumulative[to] - cumulative[from];
            for (var i = from; i < to; i++)
            {
                var start = At(inside, length * (cumulative[i] - cumulative[from]) / weight, startOfWord: true);
                var end = At(inside, length * (cumulative[i + 1] - cumulative[from]) / weight, startOfWord: false);
                timed.Add(new WordTiming(words[i], Math.Round(start + offsetSeconds, 3), Math.Round(Math.Max(start, end) + offsetSeconds, 3)));
            }
        }

        return timed;
    }

    /// <summary>The word ranges <c>[From, To)</c> of the transcript's sentences (ending in . ! ? 。 ！ ？ …).</summary>
    private static List<(int From, int To)> Sentences(List<string> words)
    {
        var sentences = new List<(int From, int To)>();
        var from = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (".!?。！？…".Contains(words[i][^1], StringComparison.Ordinal) || i == words.Count - 1)
            {
                sentences.Add((from, i + 1));
                from = i + 1;
            }
        }

        return sentences;
    }

    /// <summary>The voiced stretches (seconds), pauses shorter than <see cref="MinPauseSeconds"/> bridged; the whole clip if none is found.</summary>
    private static List<(double Start, double End)> VoicedStretches(ReadOnlySpan<float> mono, int sampleRate)
    {
        var levels = SilenceTrimmer.FrameLevelsDbfs(mono, sampleRate, out var frameLength);
        var threshold = SilenceTrimmer.ThresholdDbfs(levels.Max());
        var frameSeconds = (double)frameLength / sampleRate;
        var stretches = new List<(double Start, double End)>();
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i] <= threshold)
            {
                continue;
            }

            var (start, end) = (i * frameSeconds, (i + 1) * frameSeconds);
            if (stretches.Count > 0 && start - stretches[^1].End < MinPauseSeconds)
            {
                stretches[^1] = (stretches[^1].Start, end);
            }
            else
            {
                stretches.Add((start, end));
            }
        }

        return stretches.Count > 0 ? stretches : [(0, (double)mono.Length / sampleRate)];
    }

    /// <summary>
    /// The time <paramref name="voicedSeconds"/> into the voiced stretches; a word that starts exactly where a stretch
    /// ends starts at the next one instead (it follows the pause).
    /// </summary>
    private static double At(List<(double Start, double End)> voiced, double voicedSeconds, bool startOfWord)
    {
        foreach (var (start, end) in voiced)
        {
            var length = end - start;
            if (voicedSeconds < length - 1e-9 || (!startOfWord && voicedSeconds <= length + 1e-9))
            {
                return start + Math.Max(0, voicedSeconds);
            }

            voicedSeconds -= length;
        }

        return voiced[^1].End;
    }

    /// <summary>The transcript's words as captions show them: split at spaces, CJK text by character (punctuation stays with the character before it).</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!CaptionBuilder.IsCjk(token))
            {
                words.Add(token);
                continue;
            }

            foreach (var rune in token.EnumerateRunes())
            {
                var character = rune.ToString();
                if (words.Count > 0 && (Rune.IsPunctuation(rune) || Rune.IsSymbol(rune)))
                {
                    words[^1] += character;
                }
                else
                {
                    words.Add(character);
                }
            }
        }

        return words;
    }

    /// <summary>Roughly how long a word takes to say: its vowel groups (at least one), one per CJK character, one per digit.</summary>
    private static double Syllables(string word)
    {
        if (CaptionBuilder.IsCjk(word))
        {
            return Math.Max(1, word.EnumerateRunes().Count(r => !Rune.IsPunctuation(r) && !Rune.IsSymbol(r)));
        }

        var count = 0;
        var inVowel = false;
        foreach (var c in word.ToLowerInvariant())
        {
            var vowel = "aeiouyàáâäãåèéêëìíîïòóôöõùúûüýæœ".Contains(c, StringComparison.Ordinal);
            if (vowel && !inVowel)
            {
                count++;
            }

            inVowel = vowel;
            if (char.IsDigit(c))
            {
                count++;
            }
        }

        return Math.Max(1, count);
    }
}
