using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Api.Contracts;
using Sonic.Api.Errors;
using Sonic.Api.Handlers;
using Sonic.Api.Submission;
using Sonic.Orchestration;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Client;
using Sonic.Orchestration.Status;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Api.Batches;

/// <summary>
/// <c>POST /api/batches</c>, <c>GET /api/batches/{id}</c> and <c>DELETE /api/batches/{id}</c>. The batch id hashes
/// the portrait, every item's audio and parameters, so the same request sent again finds the same batch.
/// </summary>
public static class BatchApiHandlers
{
    private const string LoggerName = "Sonic.Api";

    public static async Task<IResult> CreateAsync(
        HttpRequest request,
        [FromServices] BatchSubmissionReader reader,
        [FromServices] InputStager stager,
        [FromServices] IJobStarter starter,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptionsMonitor<BatchOptions> batchOptions,
        [FromServices] IOptionsMonitor<WebhookOptions> webhooks,
        [FromServices] ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(stager);
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(batchOptions);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(loggers);
        using var scratch = RequestScratch.Create();
        var submission = await reader.ReadAsync(request, scratch.FolderPath, cancellationToken).ConfigureAwait(false);
        var manifest = submission.Manifest;
        var batchId = BatchIds.From(Identity(submission));
        var itemIds = Enumerable.Range(0, manifest.Items.Count).Select(i => BatchIds.Item(batchId, i)).ToList();
        if (await client.GetInstanceAsync(batchId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return Accepted(request, batchId, VideoJobStates.Pending, itemIds);
        }

        var image = await stager.StageAsync(batchId, InputRole.Image, submission.Image, scratch.FolderPath, cancellationToken).ConfigureAwait(false);
        var audio = new List<(ArtifactRef?, string?)>(itemIds.Count);
        for (var i = 0; i < itemIds.Count; i++)
        {
            audio.Add(submission.Audio[i] is { } source
                ? (await stager.StageAsync(itemIds[i], InputRole.Audio, source, scratch.FolderPath, cancellationToken).ConfigureAwait(false), source.NameStem)
                : (null, null));
        }

        var batch = BatchRequests.Build(batchId, image, manifest, audio, submission.Image.NameStem, batchOptions.CurrentValue, webhooks.CurrentValue);
        var (_, created) = await starter.StartBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        Log.BatchAccepted(loggers.CreateLogger(LoggerName), batchId, created, itemIds.Count, manifest.CorrelationId);
        return Accepted(request, batchId, VideoJobStates.Pending, itemIds);
    }

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
        var instance = await ApiInstances.FindAsync(client, id, OrchestrationNames.RenderBatch, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return BatchNotFound(id);
        }

        var statusUrl = StatusPaths.Batch(request.PathBase, id);
        var batch = instance.ReadInputAs<BatchRequest>()!;
        var webhook = batch.CallbackUrl is null ? null : await ApiInstances.WebhookLogAsync(client, id, cancellationToken).ConfigureAwait(false);
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<BatchStatus>() is { } done)
        {
            return ApiInstances.Json(StatusCodes.Status200OK, done with { StatusUrl = statusUrl, Webhook = webhook });
        }

        // Still running (or cancelled, or broken): each item as its own job reports itself; not yet started = pending.
        var logger = loggers.CreateLogger(LoggerName);
        // The items' ids share the batch's prefix: one paged query instead of a lookup per item.
        var started = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        var query = new OrchestrationQuery { InstanceIdPrefix = id + "-", FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (var found in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (found.Name == OrchestrationNames.RenderVideo)
            {
                started[found.InstanceId] = found;
            }
        }

        var items = new List<VideoJobStatus>(batch.Items.Count);
        foreach (var item in batch.Items)
        {
            var job = started.GetValueOrDefault(item.JobId);
            var url = StatusPaths.Video(request.PathBase, item.JobId);
            items.Add(job is null
                ? new VideoJobStatus(item.JobId, VideoJobStates.Pending, null, 0, null, instance.CreatedAt, instance.LastUpdatedAt, url, null, null, item.Parameters.CorrelationId)
                : VideoJobStatusMapper.Map(job, url, logger));
        }

        var state = VideoJobStatusMapper.StateOf(instance.RuntimeStatus);
        var error = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed
            ? new JobError(JobError.InternalError, "The batch failed on the server; the worker log has the details.")
            : null;
        return ApiInstances.Json(StatusCodes.Status200OK, new BatchStatus(
            id, state, instance.CreatedAt, instance.LastUpdatedAt, statusUrl, BatchCounts.Of(items), items, batch.CorrelationId, webhook, error));
    }

    /// <summary>Stops the batch (no more items start), then every item still rendering.</summary>
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
        var instance = await ApiInstances.FindAsync(client, id, OrchestrationNames.RenderBatch, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return BatchNotFound(id);
        }

        if (instance.IsCompleted)
        {
            return ApiProblems.Create(StatusCodes.Status409Conflict, ApiErrorCodes.JobFinished,
                $"The batch has already finished ({VideoJobStatusMapper.StateOf(instance.RuntimeStatus)}).");
        }

        // Recursive where the backend supports it (Durable Functions); items already running are also stopped one by one,
        // for clients whose terminate does not reach sub-orchestrations.
        var recursive = new TerminateInstanceOptions { Recursive = true };
        await client.TerminateInstanceAsync(id, recursive, cancellationToken).ConfigureAwait(false);
        var items = instance.ReadInputAs<BatchRequest>()!.Items;
        foreach (var item in items)
        {
            if (await client.GetInstanceAsync(item.JobId, cancellationToken).ConfigureAwait(false) is { IsCompleted: false })
            {
                await client.TerminateInstanceAsync(item.JobId, recursive, cancellationToken).ConfigureAwait(false);
            }
        }

        Log.JobCancelRequested(loggers.CreateLogger(LoggerName), id);
        return Accepted(request, id, VideoJobStates.Cancelling, items.Select(i => i.JobId).ToList());
    }

    /// <summary>What makes the batch: the portrait, then per item its audio and its final parameters.</summary>
    private static IEnumerable<string> Identity(BatchSubmission submission)
    {
        yield return Fingerprint(submission.Image);
        for (var i = 0; i < submission.Manifest.Items.Count; i++)
        {
            yield return submission.Audio[i] is { } audio ? Fingerprint(audio) : "script";
            yield return JsonSerializer.Serialize(submission.Manifest.ParametersOf(i), ParameterJson.Options);
        }

        yield return submission.Manifest.CallbackUrl ?? string.Empty;
        yield return submission.Manifest.CorrelationId ?? string.Empty;
    }

    /// <summary>An uploaded part by its content; a blob name or URL by itself.</summary>
    private static string Fingerprint(InputSource source)
    {
        if (source.Kind != InputKind.UploadedFile)
        {
            return source.Kind + ":" + source.Location;
        }

        using var file = File.OpenRead(source.Location);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private static IResult BatchNotFound(string id) =>
        ApiProblems.Create(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"There is no batch with id '{ApiProblems.Printable(id)}'.");

    private static IResult Accepted(HttpRequest request, string id, string state, IReadOnlyList<string> items)
    {
        var url = StatusPaths.Batch(request.PathBase, id);
        request.HttpContext.Response.Headers.Location = url;
        return ApiInstances.Json(StatusCodes.Status202Accepted, new BatchAccepted(id, state, url, items));
    }

}
