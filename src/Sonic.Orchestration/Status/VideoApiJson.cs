using System.Text.Json;
using Sonic.Pipeline.Publishing;

namespace Sonic.Orchestration.Status;

/// <summary>
/// The API's JSON: snake_case names (every contract also names its properties explicitly), non-ASCII as UTF-8 text.
/// </summary>
public static class VideoApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = ReadableJsonEncoder.Instance,
    };
}
