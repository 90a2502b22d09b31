using System.Text.Json;
using System.Text.Json.Serialization;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Publishing;

/// <summary>
/// The body of <c>results/{stem}.json</c>: a <see cref="JobOutcome"/> in snake_case (the records' own property names),
/// indented and in readable UTF-8 for people who open it, nulls left out.
/// </summary>
public static class ResultJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = ReadableJsonEncoder.Instance,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize(JobOutcome outcome) => JsonSerializer.SerializeToUtf8Bytes(outcome, Options);

    public static JobOutcome Deserialize(ReadOnlySpan<byte> json)
        => JsonSerializer.Deserialize<JobOutcome>(json, Options) ?? throw new JsonException("The result document is empty.");
}
