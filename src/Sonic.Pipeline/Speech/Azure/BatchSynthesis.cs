using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Speech.Azure;

/// <summary>
/// The parts of Azure AI Speech's batch synthesis contract (REST, api-version 2024-04-01) this provider uses: the
/// create body, the job as <c>GET …/batchsyntheses/{id}</c> returns it, and one word boundary of
/// <c>0001.word.json</c> in the result ZIP (offsets and durations in milliseconds).
/// </summary>
public static class BatchSynthesis
{
    public const string ApiVersion = "2024-04-01";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>The PCM WAV the audio stage reads without ffmpeg.</summary>
    public const string OutputFormat = "riff-24khz-16bit-mono-pcm";

    public sealed record CreateRequest(
        [property: JsonPropertyName("inputKind")] string InputKind,
        [property: JsonPropertyName("inputs")] IReadOnlyList<Input> Inputs,
        [property: JsonPropertyName("properties")] CreateProperties Properties);

    public sealed record Input([property: JsonPropertyName("content")] string Content);

    public sealed record CreateProperties(
        [property: JsonPropertyName("outputFormat")] string OutputFormat,
        [property: JsonPropertyName("wordBoundaryEnabled")] bool WordBoundaryEnabled,
        [property: JsonPropertyName("concatenateResult")] bool ConcatenateResult,
        [property: JsonPropertyName("timeToLiveInHours")] int TimeToLiveInHours);

    public sealed record Job(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("outputs")] Outputs? Outputs,
        [property: JsonPropertyName("properties")] JobProperties? Properties);

    public sealed record Outputs([property: JsonPropertyName("result")] string? Result);

    public sealed record JobProperties([property: JsonPropertyName("error")] Error? Error);

    public sealed record Error(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("message")] string? Message);

    public sealed record WordBoundary(
        [property: JsonPropertyName("Text")] string Text,
        [property: JsonPropertyName("AudioOffset")] double AudioOffset,
        [property: JsonPropertyName("Duration")] double Duration);
}
