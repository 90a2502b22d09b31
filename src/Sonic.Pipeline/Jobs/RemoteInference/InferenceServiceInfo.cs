using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary><c>GET /v1/info</c>: what the service runs on and with; <see cref="DefaultModel"/> runs jobs that name no model.</summary>
public sealed record InferenceServiceInfo(
    [property: JsonPropertyName("models")] IReadOnlyList<InferenceModelInfo> Models,
    [property: JsonPropertyName("execution_provider")] string ExecutionProvider,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("versions")] IReadOnlyDictionary<string, string> Versions,
    [property: JsonPropertyName("max_concurrent_jobs")] int MaxConcurrentJobs,
    [property: JsonPropertyName("queue_capacity")] int QueueCapacity,
    [property: JsonPropertyName("default_model")] string? DefaultModel = null);
