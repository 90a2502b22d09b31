using System.Text.Json.Serialization;

namespace Sonic.Pipeline.Jobs;

/// <summary>The orchestration's custom status: the stage running, the fraction of the job done, an ETA.</summary>
public sealed record JobProgress(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("progress")] double Fraction,
    [property: JsonPropertyName("eta_seconds")] double? EtaSeconds = null);
