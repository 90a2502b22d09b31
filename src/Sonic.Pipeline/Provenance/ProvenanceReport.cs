using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// What <c>sonic verify</c> and <c>POST /api/verify</c> find in a video: whether it carries a C2PA manifest box, its
/// implicit AIGC label (GB 45438-2025, from the XMP box), its IPTC digital source type, and the invisible watermark
/// (null until the frames were read).
/// </summary>
public sealed record ProvenanceReport(
    [property: JsonPropertyName("c2pa")] ProvenanceReport.C2paPresence C2pa,
    [property: JsonPropertyName("aigc")] AigcMetadata.Fields? Aigc,
    [property: JsonPropertyName("digital_source_type")] string? DigitalSourceType,
    [property: JsonPropertyName("watermark")] WatermarkReport? Watermark = null)
{
    public sealed record C2paPresence([property: JsonPropertyName("present")] bool Present);

    /// <summary>Whether any of the marks is there.</summary>
    [JsonIgnore]
    public bool AnyMark => C2pa.Present || Aigc is not null || Watermark is { Found: true };
}
