using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Provenance.C2pa;

/// <summary>
/// What <see cref="C2paReader"/> found: whether a manifest is there and checks out (<see cref="Failures"/> empty), who
/// signed it (and whether that is the untrusted development chain), the claim generator, the first action's digital
/// source type and the animator the manifest names.
/// </summary>
public sealed record C2paReport(
    [property: JsonPropertyName("present")] bool Present,
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("signer")] string? Signer,
    [property: JsonPropertyName("development_certificate")] bool DevelopmentCertificate,
    [property: JsonPropertyName("generator")] string? Generator,
    [property: JsonPropertyName("digital_source_type")] string? DigitalSourceType,
    [property: JsonPropertyName("animator")] string? Animator,
    [property: JsonPropertyName("failures")] IReadOnlyList<string> Failures)
{
    public static C2paReport Absent { get; } = new(false, false, null, false, null, null, null, []);

    public static C2paReport Malformed(string why) => new(true, false, null, false, null, null, null, ["manifest.malformed: " + why]);
}
