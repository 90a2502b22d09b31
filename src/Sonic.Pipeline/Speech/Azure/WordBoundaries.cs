using Sonic.Media.Speech;

namespace Sonic.Pipeline.Speech.Azure;

/// <summary>
/// Azure's word boundaries as caption words: each boundary's text found in the script in order, with the punctuation
/// that follows it up to the next space (<c>store.</c>, <c>店。</c>), so captions keep the script's punctuation and
/// still break at sentence ends; a boundary that is not the next word of the text (a spoken expansion) keeps its own text.
/// </summary>
public static class WordBoundaries
{
    public static IReadOnlyList<WordTiming> Align(string text, IReadOnlyList<BatchSynthesis.WordBoundary> boundaries)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(boundaries);
        var words = new List<WordTiming>(boundaries.Count);
        var cursor = 0;
        foreach (var boundary in boundaries.Where(b => !string.IsNullOrWhiteSpace(b.Text)))
        {
            var word = boundary.Text.Trim();
            var at = text.IndexOf(word, cursor, StringComparison.OrdinalIgnoreCase);
            // The next word, or the one after a single written word that was spoken otherwise ("e.g." said "for
            // example"): a match further on is a coincidence and must not jump ahead.
            if (at >= 0 && TooFar(text[cursor..at]))
            {
                at = -1;
            }

            if (at >= 0)
            {
                var end = at + word.Length;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && (char.IsPunctuation(text[end]) || char.IsSymbol(text[end])))
                {
                    end++;
                }

                word = text[at..end];
                cursor = end;
            }

            if (word.All(c => char.IsPunctuation(c) || char.IsSymbol(c)) && words.Count > 0)
            {
                // A boundary for punctuation alone belongs to the word before it.
                words[^1] = words[^1] with { Text = words[^1].Text + word };
                continue;
            }

            var start = boundary.AudioOffset / 1000.0;
            words.Add(new WordTiming(word, start, start + (boundary.Duration / 1000.0)));
        }

        return words;
    }

    private static bool TooFar(string skipped) =>
        skipped.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(t => t.Any(char.IsLetterOrDigit)) > 1
        || skipped.Count(char.IsLetterOrDigit) > 8;
}
