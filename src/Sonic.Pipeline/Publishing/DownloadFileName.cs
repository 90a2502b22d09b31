using System.Globalization;
using System.Text;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// Turns a user-supplied name into a safe download stem: no path separators, quotes, control characters or
/// reserved names; non-ASCII letters (Chinese, accents) are kept. Used for file names and, later, blob names and
/// Content-Disposition headers, so the rules live in one place.
/// </summary>
public static class DownloadFileName
{
    public const int MaxLength = 120;

    public static string Sanitize(string? name, string fallback = "video")
    {
        var text = (name ?? string.Empty).Normalize(NormalizationForm.FormC);
        if (text.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var unsafeChar = Rune.IsControl(rune)
                || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                    or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || (rune.IsAscii && "\"'\\/:*?<>|%;`$".Contains((char)rune.Value, StringComparison.Ordinal));
            builder.Append(unsafeChar || Rune.IsWhiteSpace(rune) ? "_" : rune.ToString());
        }

        var cleaned = builder.ToString().Trim('.', '_', '-', ' ');
        while (cleaned.Contains("__", StringComparison.Ordinal))
        {
            cleaned = cleaned.Replace("__", "_", StringComparison.Ordinal);
        }

        if (cleaned.Length > MaxLength)
        {
            // Cut on a text-element boundary so a surrogate pair or combining mark is never split.
            var info = new StringInfo(cleaned);
            cleaned = info.SubstringByTextElements(0, Math.Min(info.LengthInTextElements, MaxLength));
        }

        return cleaned.Length == 0 ? fallback : cleaned;
    }
}
