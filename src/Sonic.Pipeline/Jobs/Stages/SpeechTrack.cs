using Sonic.Media.Speech;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// <c>work/{jobId}/speech.json</c>: who spoke the script (provider, voice) — or <c>transcript</c> for a recording's
/// transcript timed by Preprocess — how long it lasts and when each word is said, for the captions. Kept out of orchestration history (a long script has hundreds of words).
/// </summary>
public sealed record SpeechTrack(string Provider, string Voice, double DurationSeconds, IReadOnlyList<WordTiming> Words);
