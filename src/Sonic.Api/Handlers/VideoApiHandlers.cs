using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Status;
using Sonic.Api.Contracts;
using Sonic.Api.Errors;
using Sonic.Api.Submission;
using Sonic.Media.Diagnostics;
using Sonic.Orchestration;
using Sonic.Orchestration.Client;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Api.Handlers;

/// <summary>
/// The four routes' handlers. Hosts map them with <see cref="VideoApiEndpointRouteBuilderExtensions.MapVideoApi"/>
/// (or, in Azure Functions, call them from thin HTTP-triggered functions); errors become ProblemDetails in
/// <see cref="ApiErrorFilter"/>.
/// </summary>
public static class VideoApiHandlers
{
    private const string LoggerName = "Sonic.Api";

    /// <summary><c>POST /api/videos</c>: validate, store the inputs under <c>work/{id}/input/</c>, start the job → 202.</summary>
    public static async Task<IResult> CreateAsync(
        HttpRequest request,
        [FromServices] VideoSubmissionReader reader,
        [FromServices] InputStager stager,
        [FromServices] IJobStarter starter,
        [FromServices] DurableTaskClient client,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(stager);
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggers);
        string jobId;
        var key = request.Headers[IdempotencyKeys.HeaderName].ToString();
        if (key.Length > 0)
        {
            jobId = IdempotencyKeys.ToJobId(key);
            if (await client.GetInstanceAsync(jobId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return Accepted(request, jobId, VideoJobStatusMapper.StateOf(existing.RuntimeStatus));
            }
        }
        else
        {
            jobId = JobIds.NewForHttp();
        }

        using var scratch = RequestScratch.Create();
        var submission = await reader.ReadAsync(request, scratch.FolderPath, cancellationToken).ConfigureAwait(false);
        var image = await stager.StageAsync(jobId, InputRole.Image, submission.Image, scratch.FolderPath, cancellationToken).ConfigureAwait(false);
        ArtifactRef? audio = submission.Audio is { } recording
            ? await stager.StageAsync(jobId, InputRole.Audio, recording, scratch.FolderPath, cancellationToken).ConfigureAwait(false)
            : null;

        // The stored inputs are named image.* / audio.*, so the download name defaults to the name the client sent.
        var parameters = submission.Parameters.FileName is null && submission.Image.NameStem is { } stem
            ? submission.Parameters with { FileName = stem }
            : submission.Parameters;
        var (instanceId, created) = await starter.StartAsync(new JobRequest(jobId, image, audio, parameters), cancellationToken).ConfigureAwait(false);
        Log.JobAccepted(loggers.CreateLogger(LoggerName), instanceId, created, image.ToString(), audio?.ToString() ?? "(script)", parameters.CorrelationId);
        // The request's span is the root of the job's trace: the caller's id makes the whole trace findable.
        Activity.Current?.SetTag(SonicTelemetry.JobIdTag, instanceId).SetTag(SonicTelemetry.CorrelationIdTag, parameters.CorrelationId);
        return Accepted(request, instanceId, VideoJobStates.Pending);
    }

    /// <summary><c>GET /api/videos/{id}</c>: state, stage, progress, ETA, and the result or the error.</summary>
    public static async Task<IResult> GetAsync(
        string id,
        HttpRequest request,
        [FromServices] DurableTaskClient client,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggers);
        var instance = await ApiInstances.FindAsync(client, id, OrchestrationNames.RenderVideo, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.JobNotFound(id);
        }

        // A status poll reads the delivery instance only for jobs that asked for a callback.
        var webhook = instance.ReadInputAs<JobRequest>()?.Parameters.CallbackUrl is null
            ? null
            : await ApiInstances.WebhookLogAsync(client, id, cancellationToken).ConfigureAwait(false);
        return ApiInstances.Json(StatusCodes.Status200OK, VideoJobStatusMapper.Map(instance, VideoApiRoutes.Video(request.PathBase, id), loggers.CreateLogger(LoggerName), webhook));
    }

    /// <summary><c>GET /api/videos?limit=N</c>: recent jobs of this task hub, newest first.</summary>
    public static async Task<IResult> ListAsync(
        HttpRequest request,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptionsMonitor<VideoApiOptions> options,
        [FromServices] ILoggerFactory loggers,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(time);
        var settings = options.CurrentValue;
        var limit = settings.DefaultListLimit;
        if (request.Query.TryGetValue("limit", out var text))
        {
            limit = int.TryParse(text.ToString(), out var asked) && asked is >= 1 and <= 500
                ? asked
                : throw new ApiProblemException("The limit must be a whole number from 1 to 500.");
        }

        // The instance query cannot sort or filter by name: read a bounded window, then order here.
        var query = new OrchestrationQuery
        {
            CreatedFrom = time.GetUtcNow().AddDays(-settings.RecentJobsDays),
            PageSize = 100,
            FetchInputsAndOutputs = true,
        };
        var found = new List<OrchestrationMetadata>();
        var scanned = 0;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name == OrchestrationNames.RenderVideo)
            {
                found.Add(instance);
            }

            if (++scanned >= settings.MaxScannedInstances)
            {
                break;
            }
        }

        var logger = loggers.CreateLogger(LoggerName);
        var jobs = found
            .OrderByDescending(i => i.CreatedAt)
            .ThenByDescending(i => i.InstanceId, StringComparer.Ordinal)
            .Take(limit)
            .Select(i => VideoJobStatusMapper.Map(i, VideoApiRoutes.Video(request.PathBase, i.InstanceId), logger))
            .ToList();
        return ApiInstances.Json(StatusCodes.Status200OK, new VideoJobList(jobs));
    }

    /// <summary><c>DELETE /api/videos/{id}</c>: terminate a job still pending or running → 202; finished → 409.</summary>
    public static async Task<IResult> CancelAsync(
        string id,
        HttpRequest request,
        [FromServices] DurableTaskClient client,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggers);
        var instance = await ApiInstances.FindAsync(client, id, OrchestrationNames.RenderVideo, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.JobNotFound(id);
        }

        if (instance.IsCompleted)
        {
            var state = VideoJobStatusMapper.StateOf(instance.RuntimeStatus);
            return ApiProblems.Create(StatusCodes.Status409Conflict, ApiErrorCodes.JobFinished, $"The job has already finished ({state}).");
        }

        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Recursive = true }, cancellationToken).ConfigureAwait(false);
        Log.JobCancelRequested(loggers.CreateLogger(LoggerName), id);
        return Accepted(request, id, VideoJobStates.Cancelling);
    }

    private static IResult Accepted(HttpRequest request, string id, string state)
    {
        var url = VideoApiRoutes.Video(request.PathBase, id);
        request.HttpContext.Response.Headers.Location = url;
        return ApiInstances.Json(StatusCodes.Status202Accepted, new VideoJobAccepted(id, state, url));
    }
}
