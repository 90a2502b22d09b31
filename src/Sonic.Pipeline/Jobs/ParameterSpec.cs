using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// One render parameter as clients see it (<c>GET /api/parameters</c>): its snake_case name, a label, its type
/// (<c>integer</c>, <c>number</c>, <c>boolean</c>, <c>text</c>), its default (null: decided by the host or the
/// job), its range or choices, and where a form shows it (<see cref="ParameterCatalog"/> groups).
/// </summary>
public sealed record ParameterSpec(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("help")] string Help)
{
    [JsonPropertyName("default")]
    public JsonNode? Default { get; init; }

    [JsonPropertyName("min")]
    public double? Min { get; init; }

    [JsonPropertyName("max")]
    public double? Max { get; init; }

    [JsonPropertyName("step")]
    public double? Step { get; init; }

    [JsonPropertyName("choices")]
    public IReadOnlyList<string>? Choices { get; init; }

    [JsonPropertyName("max_length")]
    public int? MaxLength { get; init; }
}
