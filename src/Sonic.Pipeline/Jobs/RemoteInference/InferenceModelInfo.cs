using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>One model the service serves, with the honest description users see (e.g. "not Sonic").</summary>
public sealed record InferenceModelInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("is_sonic")] bool IsSonic);
