using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>
/// <c>POST /v1/jobs</c> body. The inputs are not in the body: they are the job's preprocessed artifacts in
/// <c>work/{jobId}/</c> (crop.png, face.json, features.bin, see <see cref="Stages.JobArtifacts"/>), which the service
/// reads from the same store. Posting an id the service knows returns that job instead of starting another.
/// <see cref="Model"/> is the job's <see cref="RenderParameters.Model"/> ("sonic" | "builtin"); null lets the service
/// choose its default ("sonic" when it has a verified Sonic folder). A name it does not know is <c>unknown_model</c>.
/// </summary>
public sealed record InferenceJobSubmission(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("parameters")] RenderParameters Parameters,
    [property: JsonPropertyName("model")] string? Model = null);
