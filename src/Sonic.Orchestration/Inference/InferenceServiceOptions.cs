using System.ComponentModel.DataAnnotations;

namespace Sonic.Orchestration.Inference;

/// <summary>
/// Section <c>Sonic:InferenceService</c>: where the GPU inference service is and how long a job waits for it.
/// An empty <see cref="BaseUrl"/> keeps inference in process (the <c>RunInference</c> activity, as the CLI does).
/// </summary>
public sealed class InferenceServiceOptions
{
    public const string SectionName = "Sonic:InferenceService";

    /// <summary>e.g. <c>http://127.0.0.1:5090/</c>; empty = run inference in the worker's own process.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>x-api-key</c> when set (the service's own key setting must match).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The first durable-timer wait between polls; it doubles up to <see cref="PollMax"/>.</summary>
    public TimeSpan PollInitial { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan PollMax { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The whole inference stage's budget, queue and outages included; beyond it the job fails with <c>inference_unavailable</c>.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>One HTTP attempt's timeout (the service answers submit and poll at once; only a hang takes this long).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One call's budget, all in-client retries included; past it the activity fails and the orchestrator polls again later.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The in-client retry's first back-off (exponential with jitter after it).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a job the service reports as failed (not bad input) is submitted again before the job fails.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    public bool IsRemote => !string.IsNullOrWhiteSpace(BaseUrl);
}
