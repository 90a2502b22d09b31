using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>What the speech stage hands on: the spoken script (<c>speech.wav</c>, the job's recording from here on) and who spoke it.</summary>
public sealed record SpokenScript(ArtifactRef Audio, string Provider, string Voice, double DurationSeconds, int WordCount);
