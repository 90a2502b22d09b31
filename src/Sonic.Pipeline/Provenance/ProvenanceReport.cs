using System.Text.Json.Serialization;
using Sonic.Pipeline.Provenance.C2pa;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// What <c>sonic verify</c> and <c>POST /api/verify</c> find in a video: its C2PA manifest and whether it checks out, its
/// implicit AIGC label (GB 45438-2025, from the XMP box), its IPTC digital source type, and the invisible watermark
/// (null until the frames were read).
/// </summary>
public sealed record ProvenanceReport(
    [property: JsonPropertyName("c2pa")] C2paReport C2pa,
    [property: JsonPropertyName("aigc")] AigcMetadata.Fields? Aigc,
    [property: JsonPropertyName("digital_source_type")] string? DigitalSourceType,
    [property: JsonPropertyName("watermark")] WatermarkReport? Watermark = null)
{
    /// <summary>Whether any of the marks is there.</summary>
    [JsonIgnore]
    public bool AnyMark => C2pa.Valid || Aigc is not null || Watermark is { Found: true };
}
