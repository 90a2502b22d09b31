using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sonic.Api.Contracts;
using Sonic.Orchestration.Client;
using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Handlers;

/// <summary>
/// Folds an orchestration instance into what clients see: runtime status → one of <see cref="VideoJobStates"/>,
/// custom status (<see cref="JobProgress"/>) → stage/progress/ETA, output (<see cref="JobOutcome"/>) → result, failure
/// message (<c>"code: sentence"</c>) → error.
/// </summary>
public static class VideoJobStatusMapper
{
    public static VideoJobStatus Map(OrchestrationMetadata instance, string statusUrl, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var progress = Read<JobProgress>(instance, static m => m.ReadCustomStatusAs<JobProgress>(), logger);
        var state = StateOf(instance.RuntimeStatus);
        VideoJobResult? result = null;
        JobError? error = null;
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                var outcome = Read<JobOutcome>(instance, static m => m.ReadOutputAs<JobOutcome>(), logger);
                if (outcome?.Error is { } failed || outcome?.Status == JobOutcome.Failed)
                {
                    // An orchestration may finish normally yet report a failed job (its outcome was written to results/).
                    state = VideoJobStates.Failed;
                    error = outcome.Error ?? new JobError(JobError.InternalError, "The job failed.");
                }
                else if (outcome is not null)
                {
                    result = new VideoJobResult(outcome.VideoUrl, outcome.PreviewUrl, outcome.FileName, outcome.DurationSeconds, outcome.SizeBytes, outcome.Animator, outcome.Timings);
                }

                break;
            case OrchestrationRuntimeStatus.Failed:
                error = PublicError(OrchestrationFailures.MessageOf(instance));
                break;
            case OrchestrationRuntimeStatus.Terminated:
                error = new JobError("cancelled", "The job was cancelled.");
                break;
        }

        var fraction = state == VideoJobStates.Completed ? 1.0 : Math.Clamp(progress?.Fraction ?? 0, 0, 1);
        var eta = instance.IsRunning ? progress?.EtaSeconds : state == VideoJobStates.Completed ? 0 : null;
        return new VideoJobStatus(
            instance.InstanceId,
            state,
            progress?.Stage,
            fraction,
            eta,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            statusUrl,
            result,
            error);
    }

    public static string StateOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => VideoJobStates.Pending,
        OrchestrationRuntimeStatus.Completed => VideoJobStates.Completed,
        OrchestrationRuntimeStatus.Failed => VideoJobStates.Failed,
        OrchestrationRuntimeStatus.Terminated => VideoJobStates.Cancelled,
        _ => VideoJobStates.Running, // Running, Suspended, ContinuedAsNew: still in the system.
    };

    /// <summary>
    /// Coded failures ("no_face_detected: …") are for users; anything else is a server fault whose message may carry
    /// tool output or paths, so users get a generic sentence and the log keeps the detail.
    /// </summary>
    private static JobError PublicError(string? failureMessage)
    {
        var error = JobError.FromFailure(failureMessage);
        return error.Code == JobError.InternalError
            ? error with { Message = "The render failed on the server; the worker log has the details." }
            : error;
    }

    private static T? Read<T>(OrchestrationMetadata instance, Func<OrchestrationMetadata, T?> read, ILogger logger)
        where T : class
    {
        try
        {
            return read(instance);
        }
        catch (JsonException ex)
        {
            Log.UnreadableJobDocument(logger, instance.InstanceId, ex);
            return null;
        }
    }
}
