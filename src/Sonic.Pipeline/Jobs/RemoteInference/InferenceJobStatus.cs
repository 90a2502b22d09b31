using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>
/// <c>GET /v1/jobs/{id}</c> (and the <c>POST</c> answer): the state (<see cref="InferenceJobStates"/>), the fraction of
/// frames done, the failure as a code and one sentence, the blob names read and written in <c>work/{jobId}/</c>, and
/// this attempt's times: <see cref="QueuedSeconds"/> waited in the queue (set once it started) and
/// <see cref="RunSeconds"/> it ran (set once it finished).
/// </summary>
public sealed record InferenceJobStatus(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("inputs")] IReadOnlyList<string> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<string> Outputs,
    [property: JsonPropertyName("error_code")] string? ErrorCode = null,
    [property: JsonPropertyName("error_message")] string? ErrorMessage = null,
    [property: JsonPropertyName("queued_seconds")] double? QueuedSeconds = null,
    [property: JsonPropertyName("run_seconds")] double? RunSeconds = null);
