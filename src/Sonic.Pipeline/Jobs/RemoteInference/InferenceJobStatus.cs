using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>
/// <c>GET /v1/jobs/{id}</c> (and the <c>POST</c> answer): the state (<see cref="InferenceJobStates"/>), the fraction of
/// frames done, the failure as a code and one sentence, and the blob names read and written in <c>work/{jobId}/</c>.
/// </summary>
public sealed record InferenceJobStatus(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("inputs")] IReadOnlyList<string> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<string> Outputs,
    [property: JsonPropertyName("error_code")] string? ErrorCode = null,
    [property: JsonPropertyName("error_message")] string? ErrorMessage = null);
