using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Media.Errors;
using Sonic.Orchestration.Client;
using Sonic.Orchestration.Status;
using Sonic.Orchestration.Uploads;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// Starts a batch from a dropped manifest: <c>name.batch.csv</c> (or <c>.batch.json</c>) in <c>uploads</c>, the
/// portrait <c>name.&lt;image&gt;</c> beside it (or the manifest's <c>image</c>), and every audio file it lists, named
/// relative to the manifest's folder. Waits (incomplete) until all are there; a manifest that cannot be read starts
/// nothing and says why in <c>results/{name}.batch.json</c>. The batch id hashes the names and ETags of all of
/// them, so repeated notifications start one batch; uploads are only read.
/// </summary>
public sealed class BatchDropDispatcher(
    IArtifactStore store, IJobStarter starter, IOptionsMonitor<BatchOptions> options, IOptionsMonitor<WebhookOptions> webhooks, ILogger logger)
{
    /// <summary>Bigger manifests are refused unread (100 items of CSV are a few KB).</summary>
    public const int MaxManifestBytes = 1024 * 1024;

    // Manifests (name + ETag) already started or refused by this process: the poller re-reads nothing it has handled.
    private readonly ConcurrentDictionary<string, UploadDispatch> handled = new(StringComparer.Ordinal);

    public async Task<UploadDispatch> DispatchAsync(string manifestName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestName);
        var stem = BatchManifest.StemOf(manifestName);
        if (await store.GetInfoAsync(new ArtifactRef(ContainerNames.Uploads, manifestName), cancellationToken).ConfigureAwait(false) is not { } file)
        {
            return new UploadDispatch(stem, null, UploadDispatchStatus.Ignored);
        }

        var key = manifestName + "\n" + file.ETag;
        if (handled.TryGetValue(key, out var done))
        {
            return done with { Status = done.Status == UploadDispatchStatus.Started ? UploadDispatchStatus.AlreadyStarted : done.Status };
        }

        try
        {
            var result = await DispatchManifestAsync(file, stem, cancellationToken).ConfigureAwait(false);
            if (result.Status != UploadDispatchStatus.Incomplete)
            {
                handled[key] = result;
            }

            return result;
        }
        catch (SonicJobException e)
        {
            var error = JobError.From(e);
            var now = DateTimeOffset.UtcNow;
            var refused = new BatchStatus(
                string.Empty, VideoJobStates.Failed, now, now, string.Empty, BatchCounts.Of([]), [], Error: error);
            await WriteBatchResultActivity.WriteAsync(store, stem, refused, cancellationToken).ConfigureAwait(false);
            Log.ManifestRefused(logger, manifestName, error.Message);
            var result = new UploadDispatch(stem, null, UploadDispatchStatus.Rejected);
            handled[key] = result;
            return result;
        }
    }

    private async Task<UploadDispatch> DispatchManifestAsync(ArtifactInfo file, string stem, CancellationToken cancellationToken)
    {
        var name = file.Ref.Name;
        if (file.Size > MaxManifestBytes)
        {
            throw new SonicJobException(ErrorCodes.InvalidManifest, $"The manifest {name} is larger than {MaxManifestBytes / 1024} KiB.");
        }

        var text = Encoding.UTF8.GetString(await store.ReadAllBytesAsync(file.Ref, cancellationToken).ConfigureAwait(false));
        var manifest = BatchManifest.Read(name, text, options.CurrentValue.MaxItems);
        var folder = name.LastIndexOf('/') is var slash and >= 0 ? name[..(slash + 1)] : string.Empty;

        var image = manifest.Image is { } imageName
            ? await store.GetInfoAsync(new ArtifactRef(ContainerNames.Uploads, Relative(folder, imageName, "image")), cancellationToken).ConfigureAwait(false)
            : await PortraitBesideAsync(stem, cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            return new UploadDispatch(stem, null, UploadDispatchStatus.Incomplete);
        }

        var audio = new List<ArtifactInfo?>();
        for (var i = 0; i < manifest.Items.Count; i++)
        {
            if (manifest.Items[i].Audio is not { } audioName)
            {
                // An item with a script speaks it; one with neither says so when the batch is built.
                audio.Add(null);
                continue;
            }

            var info = await store.GetInfoAsync(new ArtifactRef(ContainerNames.Uploads, Relative(folder, audioName, "audio")), cancellationToken).ConfigureAwait(false);
            if (info is null)
            {
                return new UploadDispatch(stem, null, UploadDispatchStatus.Incomplete);
            }

            audio.Add(info);
        }

        var batchId = BatchIds.From(
            [name, file.ETag, image.Ref.Name, image.ETag, .. audio.OfType<ArtifactInfo>().SelectMany(a => new[] { a.Ref.Name, a.ETag })]);
        var request = BatchRequests.Build(
            batchId,
            image.Ref,
            manifest,
            audio.Select(a => (a?.Ref, a is null ? null : (string?)UploadNames.Stem(a.Ref.Name.Split('/')[^1]))).ToList(),
            UploadNames.Stem(image.Ref.Name.Split('/')[^1]),
            options.CurrentValue,
            webhooks.CurrentValue,
            stem);
        var (_, created) = await starter.StartBatchAsync(request, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            Log.BatchStarted(logger, name, batchId, request.Items.Count);
        }

        return new UploadDispatch(stem, batchId, created ? UploadDispatchStatus.Started : UploadDispatchStatus.AlreadyStarted);
    }

    /// <summary><c>name.jpg</c> (or another image) beside <c>name.batch.csv</c>; the newest when there are several.</summary>
    private async Task<ArtifactInfo?> PortraitBesideAsync(string stem, CancellationToken cancellationToken)
    {
        ArtifactInfo? newest = null;
        await foreach (var item in store.ListAsync(ContainerNames.Uploads, stem + ".", cancellationToken).ConfigureAwait(false))
        {
            if (UploadNames.Stem(item.Ref.Name) == stem && UploadNames.RoleOf(item.Ref.Name) == UploadRole.Image
                && (newest is null || item.LastModified > newest.LastModified))
            {
                newest = item;
            }
        }

        return newest;
    }

    private static string Relative(string folder, string name, string what)
    {
        if (name.Contains(':', StringComparison.Ordinal) || !UploadNames.IsSafeBlobName(name))
        {
            throw new SonicJobException(ErrorCodes.InvalidManifest,
                $"The {what} '{new string(name.Where(c => !char.IsControl(c)).Take(60).ToArray())}' must name a file in uploads beside the manifest (no URLs, no '..').");
        }

        return folder + name;
    }
}
