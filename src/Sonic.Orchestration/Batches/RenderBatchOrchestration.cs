using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration.Rendering;
using Sonic.Orchestration.Status;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Telemetry;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// One batch: the portrait goes into the face cache first (<see cref="PrepareBatchFaceActivity"/>), then every item is
/// a <c>RenderVideo</c> sub-orchestration under its own job id, at most
/// <see cref="BatchRequest.MaxConcurrency"/> at a time, so one bad item fails alone with its code while the others
/// render. At the end the <see cref="BatchStatus"/> (every item's final status) is the output, goes to
/// <c>results/{stem}.batch.json</c> for dropped manifests, and to the <c>batch.completed</c> callback when asked.
/// Deterministic: durable tasks only, time from the context.
/// </summary>
public static partial class RenderBatchOrchestration
{
    public static async Task<BatchStatus> RunAsync(TaskOrchestrationContext context, BatchRequest batch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(batch);
        var logger = context.CreateReplaySafeLogger(typeof(RenderBatchOrchestration));
        var started = context.CurrentUtcDateTime;
        var items = new VideoJobStatus[batch.Items.Count];
        var startedAt = new DateTime[batch.Items.Count];
        try
        {
            await context.CallActivityAsync<int>(OrchestrationNames.PrepareBatchFace, batch, JobRetry.Options);
        }
        catch (TaskFailedException ex)
        {
            // A portrait that cannot be prepared fails each item with its own code (no_face_detected, …); the batch goes on.
            Log.FaceNotPrepared(logger, batch.BatchId, ex.FailureDetails.ErrorMessage);
        }

        var running = new Dictionary<Task<JobOutcome>, int>();
        var next = 0;
        while (next < batch.Items.Count || running.Count > 0)
        {
            while (running.Count < Math.Max(1, batch.MaxConcurrency) && next < batch.Items.Count)
            {
                var item = batch.Items[next];
                startedAt[next] = context.CurrentUtcDateTime;
                running[context.CallSubOrchestratorAsync<JobOutcome>(
                    OrchestrationNames.RenderVideo, item, new SubOrchestrationOptions { InstanceId = item.JobId })] = next;
                next++;
                if (!context.IsReplaying)
                {
                    JobMetrics.Started();
                }
            }

            var finished = await Task.WhenAny(running.Keys);
            var index = running[finished];
            running.Remove(finished);
            var outcome = await OutcomeOf(finished, batch.Items[index]);
            items[index] = JobStatusDocuments.Finished(
                outcome, startedAt[index], context.CurrentUtcDateTime, StatusPaths.Video(string.Empty, outcome.JobId));
        }

        var status = new BatchStatus(
            batch.BatchId,
            VideoJobStates.Completed,
            started,
            context.CurrentUtcDateTime,
            StatusPaths.Batch(string.Empty, batch.BatchId),
            BatchCounts.Of(items),
            items,
            batch.CorrelationId);
        Log.Completed(logger, batch.BatchId, status.Counts.Completed, status.Counts.Failed, batch.CorrelationId);
        var result = batch.ResultStem is { } stem ? new BatchResultInput(stem, status) : null;
        if (result is not null)
        {
            await context.CallActivityAsync<string>(OrchestrationNames.WriteBatchResult, result, JobRetry.Options);
        }

        if (batch.CallbackUrl is { } url)
        {
            const string type = WebhookEvents.BatchCompleted;
            var message = new WebhookMessage(
                DeliverWebhookOrchestration.MessageId(batch.BatchId, type), type, url,
                new WebhookPayload<BatchStatus>(type, context.CurrentUtcDateTime, status).ToJson(), batch.CorrelationId);
            await DeliverWebhookOrchestration.StartAsync(context, batch.BatchId, new WebhookDelivery(message, BatchResult: result));
        }

        return status;
    }

    /// <summary>An item's outcome: its own on success; on failure its <c>"code: sentence"</c> read back as the error.</summary>
    private static async Task<JobOutcome> OutcomeOf(Task<JobOutcome> running, JobRequest item)
    {
        try
        {
            return await running;
        }
        catch (TaskFailedException ex)
        {
            return new JobOutcome(
                item.JobId, JobOutcome.Failed, Error: JobError.FromFailure(ex.FailureDetails.ErrorMessage), CorrelationId: item.Parameters.CorrelationId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Batch {BatchId} completed: {Completed} videos, {Failed} failed (correlation {CorrelationId})")]
        public static partial void Completed(ILogger logger, string batchId, int completed, int failed, string? correlationId);

        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Batch {BatchId}: the portrait was not prepared ahead: {Reason}")]
        public static partial void FaceNotPrepared(ILogger logger, string batchId, string reason);
    }
}
