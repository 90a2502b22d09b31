using System.ComponentModel.DataAnnotations;

namespace Sonic.Worker.Hosting;

/// <summary>
/// The self-hosted worker, bound from <c>Sonic:Worker</c>. The storage account (Azurite locally) comes from
/// <c>Sonic:Storage</c> and holds both the artifacts and the task hub.
/// </summary>
public sealed class WorkerOptions : IValidatableObject
{
    public const string SectionName = "Sonic:Worker";

    /// <summary>Task hub name: letters and digits, starting with a letter (it prefixes queues, tables and containers).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Sonic:Worker:TaskHubName must be 3-45 letters or digits, starting with a letter.")]
    public string TaskHubName { get; set; } = "sonic";

    /// <summary>
    /// Every worker sharing a task hub must use the same app name: the Azure Storage backend lets one app at a time
    /// process a task hub (app lease), and its default is the machine name, which would idle the other machines.
    /// </summary>
    [Required]
    public string AppName { get; set; } = "sonic-worker";

    /// <summary>Where the HTTP API listens (HTTP/1.1, plain http; put TLS in front). Separate several with ';'.</summary>
    [Required]
    public string ApiUrls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Activities at once in this process. Low: each one runs ffmpeg or ONNX Runtime on all cores.</summary>
    [Range(1, 64)]
    public int MaxConcurrentActivities { get; set; } = 2;

    /// <summary>Orchestration episodes at once: cheap (they only schedule), so higher.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 20;

    /// <summary>
    /// How long a dequeued activity stays invisible to other workers. The engine renews it while the activity runs,
    /// so it bounds only how long a crashed worker's activity waits before another worker (or this one, restarted)
    /// retries it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan ActivityVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dequeued orchestration message stays invisible. Our orchestration episodes only replay and schedule
    /// (well under a second), so a short value lets a restarted worker resume a job whose episode a crash cut short
    /// within a minute instead of the backend's default five.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:05:00")]
    public TimeSpan OrchestrationVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a worker's claim on a task hub partition lasts without renewal (renewed and sought at a third of it).
    /// It is how long a crashed worker's partitions wait before another worker (or this one, restarted) takes them;
    /// shorter means faster recovery and more storage calls.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:06", "00:01:00")]
    public TimeSpan PartitionLeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest pause between queue polls when idle (the Azure Storage backend backs off up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Poll the <c>uploads</c> container for new pairs (Azurite emits no Event Grid events).</summary>
    public bool WatchUploads { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan UploadPollInterval { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            ListenAddresses.ParseHttpUrls(ApiUrls ?? string.Empty);
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(ApiUrls)]);
        }
    }
}
