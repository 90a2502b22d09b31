using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// What <c>sonic verify</c> and <c>POST /api/verify</c> find in a video: whether it carries a C2PA manifest box, its
/// implicit AIGC label (GB 45438-2025, from the XMP box) and IPTC digital source type. The invisible watermark is
/// not embedded yet (issue 19), so it is not reported.
/// </summary>
public sealed record ProvenanceReport(
    [property: JsonPropertyName("c2pa")] ProvenanceReport.C2paPresence C2pa,
    [property: JsonPropertyName("aigc")] AigcMetadata.Fields? Aigc,
    [property: JsonPropertyName("digital_source_type")] string? DigitalSourceType)
{
    public sealed record C2paPresence([property: JsonPropertyName("present")] bool Present);
}
