using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration.Status;
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
    public static VideoJobStatus Map(OrchestrationMetadata instance, string statusUrl, ILogger logger, WebhookDeliveryLog? webhook = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var input = Read<JobRequest>(instance, static m => m.ReadInputAs<JobRequest>(), logger);
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
                    result = JobStatusDocuments.Result(outcome);
                }

                break;
            case OrchestrationRuntimeStatus.Failed:
                error = JobStatusDocuments.Public(JobError.FromFailure(OrchestrationFailures.MessageOf(instance)));
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
            error,
            input?.Parameters.CorrelationId,
            webhook);
    }

    public static string StateOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => VideoJobStates.Pending,
        OrchestrationRuntimeStatus.Completed => VideoJobStates.Completed,
        OrchestrationRuntimeStatus.Failed => VideoJobStates.Failed,
        OrchestrationRuntimeStatus.Terminated => VideoJobStates.Cancelled,
        _ => VideoJobStates.Running, // Running, Suspended, ContinuedAsNew: still in the system.
    };

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
