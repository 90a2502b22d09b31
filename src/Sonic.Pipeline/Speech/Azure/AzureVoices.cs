namespace Sonic.Pipeline.Speech.Azure;

/// <summary>
/// Azure neural voice names: a full name (<c>en-US-AvaMultilingualNeural</c>) is used as given; a language tag
/// picks that language's default voice, so <c>--voice es</c> means the same with either provider.
/// </summary>
public static class AzureVoices
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "en-US-AvaMultilingualNeural",
        ["en-US"] = "en-US-AvaMultilingualNeural",
        ["en-GB"] = "en-GB-SoniaNeural",
        ["zh"] = "zh-CN-XiaoxiaoNeural",
        ["zh-CN"] = "zh-CN-XiaoxiaoNeural",
        ["cmn"] = "zh-CN-XiaoxiaoNeural",
        ["es"] = "es-ES-ElviraNeural",
        ["es-ES"] = "es-ES-ElviraNeural",
        ["es-MX"] = "es-MX-DaliaNeural",
        ["fr"] = "fr-FR-DeniseNeural",
        ["fr-FR"] = "fr-FR-DeniseNeural",
        ["de"] = "de-DE-KatjaNeural",
        ["de-DE"] = "de-DE-KatjaNeural",
        ["ja"] = "ja-JP-NanamiNeural",
        ["ja-JP"] = "ja-JP-NanamiNeural",
    };

    /// <summary>The voice to speak with, or null when <paramref name="voice"/> is neither a known tag nor a voice name.</summary>
    public static string? VoiceFor(string? voice, string? language)
    {
        var tag = (voice ?? language ?? "en-US").Trim();
        if (Defaults.TryGetValue(tag, out var known))
        {
            return known;
        }

        // Voice names look like xx-YY-NameNeural (or xx-YY-NameMultilingualNeural).
        return tag.Count(c => c == '-') >= 2 && tag.Contains("Neural", StringComparison.Ordinal) ? tag : null;
    }

    /// <summary>The voice's locale (<c>es-ES</c> of <c>es-ES-ElviraNeural</c>), as SSML's <c>xml:lang</c> wants it.</summary>
    public static string LocaleOf(string voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var parts = voice.Split('-');
        return parts.Length >= 2 ? $"{parts[0]}-{parts[1]}" : "en-US";
    }
}
