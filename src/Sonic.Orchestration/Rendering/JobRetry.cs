using Microsoft.DurableTask;
using Sonic.Media.Errors;

namespace Sonic.Orchestration.Rendering;

/// <summary>
/// How the render activities are retried: transient faults (storage, I/O, inference, ffmpeg) up to 4 attempts after
/// 2 s, 4 s, 8 s; bad input (<see cref="SonicJobException"/>) never, so it fails the job at once with its code.
/// </summary>
public static class JobRetry
{
    public static RetryPolicy Policy { get; } = new(
        maxNumberOfAttempts: 4,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30))
    {
        HandleFailure = IsTransient,
    };

    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(Policy);

    /// <summary>Everything but bad input is worth another attempt: a bug fails after 4 tries, an outage may pass.</summary>
    public static bool IsTransient(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return !failure.IsCausedBy<SonicJobException>();
    }
}
