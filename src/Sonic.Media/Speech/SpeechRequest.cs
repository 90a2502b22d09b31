namespace Sonic.Media.Speech;

/// <summary>
/// What to say: plain text, or SSML when it starts with <c>&lt;speak</c>; <see cref="Voice"/> names a voice (a
/// language tag such as <c>en-US</c> or a provider's own name), or <see cref="Language"/> alone picks that language's
/// default voice; <see cref="SpeakingRate"/> is a multiple of the voice's normal rate. <see cref="Key"/> names the
/// work it belongs to (a job id), so a provider that synthesises remotely can find its own earlier attempt.
/// </summary>
public sealed record SpeechRequest(string Script, string? Voice = null, string? Language = null, double SpeakingRate = 1.0, string? Key = null)
{
    public bool IsSsml => Script.TrimStart().StartsWith("<speak", StringComparison.OrdinalIgnoreCase);
}
