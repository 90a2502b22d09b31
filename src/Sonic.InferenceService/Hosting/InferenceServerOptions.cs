using System.ComponentModel.DataAnnotations;

namespace Sonic.InferenceService.Hosting;

/// <summary>
/// Section <c>Sonic:InferenceServer</c> (the service's own settings; the caller's are <c>Sonic:InferenceService</c>).
/// Forcing CPU is the shared <c>Sonic:Inference:PreferCuda=false</c>.
/// </summary>
public sealed class InferenceServerOptions
{
    public const string SectionName = "Sonic:InferenceServer";

    /// <summary>Jobs animated at once: one per GPU, since one job already keeps it busy.</summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Jobs waiting beyond the running ones; one more is refused with 429 and Retry-After.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 8;

    /// <summary>The Retry-After a 429 carries.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;

    /// <summary>When set, every /v1 request needs it in <c>x-api-key</c> (the probes never do).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long finished jobs stay queryable (memory only: a restart forgets them, the caller resubmits).</summary>
    public TimeSpan KeepFinished { get; set; } = TimeSpan.FromHours(1);
}
