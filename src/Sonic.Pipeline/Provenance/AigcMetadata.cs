using System.Security;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// The implicit label of GB 45438-2025 as its implementation guide (TC260-PG-20258A) puts it in XMP: property
/// <c>TC260:AIGC</c> (namespace <see cref="Namespace"/>) holding a JSON object — <c>Label</c> "1" (AI-generated),
/// <c>ContentProducer</c>, <c>ProduceID</c>, <c>ContentPropagator</c>, <c>PropagateID</c> and the two reserved codes —
/// plus IPTC's digital source type <c>trainedAlgorithmicMedia</c>, the machine-readable mark the EU AI Act's code of
/// practice points to. Written into the MP4's XMP box (<see cref="Sonic.Media.Video.Mp4Xmp"/>).
/// </summary>
public static class AigcMetadata
{
    public const string Namespace = "http://www.tc260.org.cn/ns/AIGC/1.0/";
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    /// <summary>The label's fields, in the guide's order and spelling.</summary>
    public sealed record Fields(
        [property: JsonPropertyName("Label")] string Label,
        [property: JsonPropertyName("ContentProducer")] string ContentProducer,
        [property: JsonPropertyName("ProduceID")] string ProduceId,
        [property: JsonPropertyName("ReservedCode1")] string ReservedCode1,
        [property: JsonPropertyName("ContentPropagator")] string ContentPropagator,
        [property: JsonPropertyName("PropagateID")] string PropagateId,
        [property: JsonPropertyName("ReservedCode2")] string ReservedCode2);

    /// <summary>The fields for one video: <paramref name="contentId"/> (the job) both as the production and the publication id.</summary>
    public static Fields For(ProvenanceOptions options, string contentId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Fields("1", options.ContentProducer, contentId, string.Empty, options.ContentPropagator, contentId, string.Empty);
    }

    /// <summary>A complete XMP packet with the AIGC label and the digital source type.</summary>
    public static string Xmp(Fields fields)
    {
        var json = JsonSerializer.Serialize(fields, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
            + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + $"  <rdf:Description rdf:about=\"\" xmlns:TC260=\"{Namespace}\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\">\n"
            + $"   <TC260:AIGC>{SecurityElement.Escape(json)}</TC260:AIGC>\n"
            + $"   <Iptc4xmpExt:DigitalSourceType>{TrainedAlgorithmicMedia}</Iptc4xmpExt:DigitalSourceType>\n"
            + "  </rdf:Description>\n"
            + " </rdf:RDF>\n"
            + "</x:xmpmeta>\n"
            + "<?xpacket end=\"w\"?>";
    }
}
