using System.Text.Json;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>The JSON options of the stages' small work documents (face.json, post.json, …).</summary>
public static class StageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
