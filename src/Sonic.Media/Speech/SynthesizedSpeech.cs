namespace Sonic.Media.Speech;

/// <summary>What synthesis made: a mono WAV, its length, the words with their timings, and the voice used.</summary>
public sealed record SynthesizedSpeech(string WavPath, double DurationSeconds, IReadOnlyList<WordTiming> Words, string Voice);
