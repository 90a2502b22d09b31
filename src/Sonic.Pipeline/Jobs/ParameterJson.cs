using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs;

/// <summary>The one JSON shape for parameters (snake_case names, unknown names rejected), for files and HTTP.</summary>
public static class ParameterJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
