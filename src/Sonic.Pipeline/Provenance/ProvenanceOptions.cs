using System.ComponentModel.DataAnnotations;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// Section <c>Sonic:Provenance</c>: who the files' implicit AIGC label names. GB 45438-2025 asks for the service
/// provider's name or code as the content producer, and for the platform that distributes the file as the propagator;
/// a deployment sets its own (the defaults name this software).
/// </summary>
public sealed class ProvenanceOptions
{
    public const string SectionName = "Sonic:Provenance";

    public string ContentProducer { get; set; } = "SonicFunctions";

    public string ContentPropagator { get; set; } = "SonicFunctions";

    /// <summary>
    /// The secret that keys the invisible watermark: only a holder can find (or forge) it. The default is public — it is
    /// in this repository — so a deployment sets its own (Key Vault reference in Azure).
    /// </summary>
    [Required]
    [MinLength(16)]
    public string WatermarkKey { get; set; } = DevelopmentWatermarkKey;

    public const string DevelopmentWatermarkKey = "sonicfunctions-development-watermark-key";
}
