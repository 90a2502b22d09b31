using System.Text.Json;

namespace Sonic.Api.Contracts;

/// <summary>The API's JSON: snake_case names (every contract also names its properties explicitly).</summary>
public static class VideoApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
