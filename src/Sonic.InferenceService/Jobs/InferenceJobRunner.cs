using System.Diagnostics;
using Microsoft.Extensions.Options;
using Sonic.InferenceService.Hosting;
using Sonic.Media.Diagnostics;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;

namespace Sonic.InferenceService.Jobs;

/// <summary>
/// <see cref="InferenceServerOptions.MaxConcurrentJobs"/> loops taking jobs off the queue and running the shared
/// <see cref="InferenceStage"/> on each: the bound on concurrency is the number of loops.
/// </summary>
public sealed partial class InferenceJobRunner(
    InferenceJobQueue queue,
    InferenceStage stage,
    IOptions<InferenceServerOptions> options,
    TimeProvider time,
    ILogger<InferenceJobRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentJobs).Select(_ => Task.Run(() => RunLoopAsync(stoppingToken), stoppingToken)));

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Waiting.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunJobAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: jobs still queued are forgotten with the process, and their callers submit them again.
        }
    }

    private async Task RunJobAsync(InferenceJob job, CancellationToken stoppingToken)
    {
        job.Start(time.GetUtcNow());
        Log.Started(logger, job.JobId, job.Attempts);
        var started = time.GetTimestamp();
        using var span = SonicTelemetry.Source.StartActivity("inference job", ActivityKind.Consumer, job.Origin)
            ?.SetTag(SonicTelemetry.JobIdTag, job.JobId).SetTag("sonic.attempt", job.Attempts);
        try
        {
            // The endpoint resolved the model name at submit time; the parameters carry it to the stage's catalog.
            var parameters = job.Submission.Parameters with { Model = job.Submission.Model ?? job.Submission.Parameters.Model };
            var result = await stage.RunAsync(job.JobId, parameters, new SynchronousProgress(job), stoppingToken).ConfigureAwait(false);
            job.Succeed(time.GetUtcNow());
            Log.Succeeded(logger, job.JobId, result.FrameCount, result.Animator.Name, result.Animator.ExecutionProvider, time.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SonicJobException ex)
        {
            job.Fail(JobError.From(ex), time.GetUtcNow());
            span?.SetStatus(ActivityStatusCode.Error, ex.Code);
            Log.Failed(logger, job.JobId, ex.Code, ex.Message);
        }
        catch (ArtifactNotFoundException ex)
        {
            job.Fail(new JobError(InferenceServiceErrorCodes.InputsMissing, ex.Message), time.GetUtcNow());
            span?.SetStatus(ActivityStatusCode.Error, InferenceServiceErrorCodes.InputsMissing);
            Log.Failed(logger, job.JobId, InferenceServiceErrorCodes.InputsMissing, ex.Message);
        }
#pragma warning disable CA1031 // A job's failure must become its status, whatever it was; the runner must live on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var sentence = ex.Message.Split('\n', 2)[0].Trim();
            job.Fail(new JobError(InferenceServiceErrorCodes.InferenceFailed, $"Inference failed: {sentence}"), time.GetUtcNow());
            span?.SetStatus(ActivityStatusCode.Error, InferenceServiceErrorCodes.InferenceFailed);
            Log.Crashed(logger, ex, job.JobId);
        }
    }

    /// <summary>Reports on the animating thread: Progress&lt;T&gt; would post to the thread pool for every frame.</summary>
    private sealed class SynchronousProgress(InferenceJob job) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => job.Report(value.Done, value.Total);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Inference job {JobId} started (attempt {Attempt})")]
        public static partial void Started(ILogger logger, string jobId, int attempt);

        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Inference job {JobId} succeeded: {Frames} frames by {Animator} on {Provider} in {Seconds:F1} s")]
        public static partial void Succeeded(ILogger logger, string jobId, int frames, string animator, string provider, double seconds);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Inference job {JobId} failed: {Code}: {Message}")]
        public static partial void Failed(ILogger logger, string jobId, string code, string message);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Inference job {JobId} failed unexpectedly")]
        public static partial void Crashed(ILogger logger, Exception exception, string jobId);
    }
}
