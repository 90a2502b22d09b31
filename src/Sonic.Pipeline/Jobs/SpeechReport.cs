using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs;

/// <summary>Who spoke a job's script, as results report it: the provider (<c>espeak-ng</c>, <c>azure</c>) and its voice.</summary>
public sealed record SpeechReport(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("voice")] string Voice);
