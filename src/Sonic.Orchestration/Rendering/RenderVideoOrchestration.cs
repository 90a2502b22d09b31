using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration.Activities;
using Sonic.Orchestration.Inference;
using Sonic.Orchestration.Status;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Rendering;
using Sonic.Pipeline.Telemetry;

namespace Sonic.Orchestration.Rendering;

/// <summary>
/// One render job as a durable orchestration: (Speech, for a script) → Validate → Preprocess → Inference (in process, or submit + poll the GPU
/// service, <see cref="RemoteInference"/>) → PostProcess → Encode → Publish, then the outcome (with where the time
/// went, <see cref="JobTimings"/>) to <c>results/{stem}.json</c> for dropped files (success and failure alike). Only
/// ids, artifact references, parameters and measurements pass through history; the media lives in <c>work/{jobId}/</c>. Custom
/// status is a <see cref="JobProgress"/> set as each stage starts. A failed job writes its outcome and then throws
/// <see cref="JobFailedException"/>, so the instance is Failed with the <c>"code: sentence"</c> message.
/// Deterministic: time from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, no I/O, replay-safe logging.
/// </summary>
public static partial class RenderVideoOrchestration
{
    /// <summary>The longest internal error text passed on to users (first line only, never a stack trace).</summary>
    private const int MaxInternalMessage = 300;

    public static async Task<JobOutcome> RunAsync(TaskOrchestrationContext context, JobRequest job)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(job);
        var logger = context.CreateReplaySafeLogger(typeof(RenderVideoOrchestration));
        var started = context.CurrentUtcDateTime;
        var retry = JobRetry.Options;
        int? frameCount = null;
        var stage = JobStageNames.Validate;
        var speaks = job.Parameters.Script is not null;

        var timings = new List<StageTiming>();
        var stageStarted = started;

        void Enter(string next)
        {
            stage = next;
            stageStarted = context.CurrentUtcDateTime;
            context.SetCustomStatus(StageCostModel.AtStart(next, frameCount, context.CurrentUtcDateTime - started, speaks));
        }

        // The orchestration's view of the stage entered last: from its scheduling to the episode that got its result.
        double StageSeconds() => (context.CurrentUtcDateTime - stageStarted).TotalSeconds;

        JobError error;
        try
        {
            SpokenScript? spoken = null;
            if (speaks)
            {
                // The script becomes the job's recording; every later stage reads job.Recording and is unchanged.
                Enter(JobStageNames.Speech);
                spoken = await context.CallActivityAsync<SpokenScript>(OrchestrationNames.SynthesizeSpeech, job, retry);
                job = job with { Speech = spoken.Audio };
                timings.Add(JobTimings.Whole(JobTimingStages.Speech, StageSeconds()));
            }

            Enter(JobStageNames.Validate);
            var validated = await context.CallActivityAsync<ValidatedJob>(OrchestrationNames.ValidateJob, job, retry);
            timings.Add(JobTimings.Whole(JobTimingStages.Validate, StageSeconds()));

            Enter(JobStageNames.Preprocess);
            var preprocessed = await context.CallActivityAsync<PreprocessResult>(OrchestrationNames.PreprocessJob, job, retry);
            frameCount = preprocessed.FrameCount;
            timings.Add(JobTimings.Whole(JobTimingStages.Preprocess, StageSeconds()));

            Enter(JobStageNames.Inference);
            var plan = await context.CallActivityAsync<InferencePlan>(OrchestrationNames.GetInferencePlan, job.JobId, retry);
            InferenceResult inference;
            if (plan.Remote)
            {
                var (result, inferenceError) = await RemoteInference.RunAsync(context, job, plan);
                if (inferenceError is not null)
                {
                    return await FailAsync(context, job, stage, inferenceError, started, logger);
                }

                inference = result!;
            }
            else
            {
                inference = await context.CallActivityAsync<InferenceResult>(OrchestrationNames.RunInference, job, retry);
            }

            timings.AddRange(JobTimings.Inference(inference, StageSeconds()));

            Enter(JobStageNames.PostProcess);
            await context.CallActivityAsync<PastePlan>(OrchestrationNames.PostProcessJob, new PostProcessInput(job, inference), retry);
            timings.Add(JobTimings.Whole(JobTimingStages.PostProcess, StageSeconds()));

            Enter(JobStageNames.Encode);
            var video = await context.CallActivityAsync<EncodedVideo>(
                OrchestrationNames.EncodeVideo, new EncodeInput(job, validated.FileName, inference), retry);
            timings.AddRange(JobTimings.Encode(video, StageSeconds()));

            Enter(JobStageNames.Publish);
            var published = await context.CallActivityAsync<PublishedVideo>(
                OrchestrationNames.PublishVideo, new PublishInput(job.JobId, validated.FileName), retry);
            timings.Add(JobTimings.Whole(JobTimingStages.Publish, StageSeconds()));

            var outcome = new JobOutcome(
                job.JobId,
                JobOutcome.Completed,
                published.VideoUri?.ToString(),
                published.PreviewUri?.ToString(),
                published.FileName,
                video.DurationSeconds,
                published.SizeBytes,
                video.Width,
                video.Height,
                inference.Animator,
                LipSync: video.Post?.LipSync,
                Motion: video.Post?.Motion,
                Timings: timings,
                Warnings: Warnings(preprocessed, inference),
                CorrelationId: job.Parameters.CorrelationId,
                PosterUrl: published.PosterUri?.ToString(),
                FaceCache: inference.ConditioningCache == FaceCache.Miss ? FaceCache.Miss : preprocessed.FaceCache,
                Speech: spoken is null ? null : new SpeechReport(spoken.Provider, spoken.Voice),
                Captions: published.CaptionsVttUri is null && published.CaptionsSrtUri is null
                    ? null
                    : new CaptionLinks(published.CaptionsVttUri?.ToString(), published.CaptionsSrtUri?.ToString()));
            if (job.ResultStem is { } stem)
            {
                await context.CallActivityAsync<string>(OrchestrationNames.WriteJobResult, new JobResultInput(stem, outcome), retry);
            }

            await NotifyAsync(context, job, outcome, started);

            context.SetCustomStatus(new JobProgress(JobStageNames.Completed, 1.0, 0));
            Log.Completed(logger, job.JobId, published.FileName, (context.CurrentUtcDateTime - started).TotalSeconds, job.Parameters.CorrelationId);
            if (!context.IsReplaying)
            {
                JobMetrics.Completed(timings.Select(t => (t.Stage, t.Seconds)));
            }

            return outcome;
        }
        catch (TaskFailedException ex)
        {
            error = ToJobError(ex.FailureDetails, stage);
        }

        return await FailAsync(context, job, stage, error, started, logger);
    }

    /// <summary>What the user should know from preprocessing and inference (null when nothing).</summary>
    private static IReadOnlyList<string>? Warnings(PreprocessResult preprocessed, InferenceResult inference)
    {
        List<string> all = [.. preprocessed.Warnings, .. inference.Warnings ?? []];
        return all.Count == 0 ? null : all;
    }

    /// <summary>Writes the failed outcome for dropped files, then ends the instance as Failed with <c>"code: sentence"</c>.</summary>
    private static async Task<JobOutcome> FailAsync(
        TaskOrchestrationContext context, JobRequest job, string stage, JobError error, DateTime started, ILogger logger)
    {
        var retry = JobRetry.Options;
        Log.Failed(logger, job.JobId, stage, error.Code, error.Message, job.Parameters.CorrelationId);
        if (!context.IsReplaying)
        {
            JobMetrics.Failed(error.Code, stage);
        }

        var outcome = new JobOutcome(job.JobId, JobOutcome.Failed, Error: error, CorrelationId: job.Parameters.CorrelationId);
        if (job.ResultStem is { } failedStem)
        {
            try
            {
                await context.CallActivityAsync<string>(OrchestrationNames.WriteJobResult, new JobResultInput(failedStem, outcome), retry);
            }
            catch (TaskFailedException ex)
            {
                // The job's own error matters more than the missing result file; the status API still has it.
                Log.ResultNotWritten(logger, job.JobId, ex.FailureDetails.ErrorMessage);
            }
        }

        await NotifyAsync(context, job, outcome, started);
        throw new JobFailedException(error);
    }

    /// <summary>Starts the signed callback (video.completed / video.failed) when the job asked for one; never waits for it.</summary>
    private static async Task NotifyAsync(TaskOrchestrationContext context, JobRequest job, JobOutcome outcome, DateTime started)
    {
        if (job.Parameters.CallbackUrl is not { } url)
        {
            return;
        }

        var type = outcome.Status == JobOutcome.Completed ? WebhookEvents.VideoCompleted : WebhookEvents.VideoFailed;
        var now = context.CurrentUtcDateTime;
        var data = JobStatusDocuments.Finished(outcome, started, now, StatusPaths.Video(string.Empty, job.JobId));
        var message = new WebhookMessage(
            DeliverWebhookOrchestration.MessageId(job.JobId, type), type, url, new WebhookPayload<VideoJobStatus>(type, now, data).ToJson(), job.Parameters.CorrelationId);
        await DeliverWebhookOrchestration.StartAsync(
            context, job.JobId, new WebhookDelivery(message, job.ResultStem is { } stem ? new JobResultInput(stem, outcome) : null));
    }

    /// <summary>Bad input keeps its code and sentence; anything else becomes internal_error naming the stage.</summary>
    public static JobError ToJobError(TaskFailureDetails failure, string stage)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!JobRetry.IsTransient(failure))
        {
            return JobError.FromFailure(failure.ErrorMessage);
        }

        var message = (failure.ErrorMessage ?? string.Empty).Split('\n', 2)[0].Trim();
        if (message.Length > MaxInternalMessage)
        {
            message = message[..MaxInternalMessage] + "…";
        }

        return new JobError(JobError.InternalError, $"The {stage} stage failed after retries: {message}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Job {JobId} completed: {FileName} in {Seconds:F1} s (correlation {CorrelationId})")]
        public static partial void Completed(ILogger logger, string jobId, string fileName, double seconds, string? correlationId);

        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Job {JobId} failed in {Stage}: {Code}: {Message} (correlation {CorrelationId})")]
        public static partial void Failed(ILogger logger, string jobId, string stage, string code, string message, string? correlationId);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Job {JobId}: the result file could not be written: {Reason}")]
        public static partial void ResultNotWritten(ILogger logger, string jobId, string reason);
    }
}
