using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Media.Errors;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Client;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Uploads;

/// <summary>
/// Turns notifications about <c>uploads</c> into render jobs. <see cref="DispatchAsync"/> takes one blob name, which
/// is what an Event Grid blob trigger delivers, so the Functions app and the worker's polling watcher share this
/// code. Idempotent: the job id hashes the names and ETags of the pair, and <see cref="IJobStarter"/> treats an
/// existing instance as success, so any number of notifications (concurrent, repeated, after restarts, from several
/// workers) start one job. Batch manifests (<c>name.batch.csv</c>) go to <see cref="BatchDropDispatcher"/>. Uploads
/// are only read, never deleted.
/// </summary>
public sealed class UploadDispatcher(
    IArtifactStore store,
    IJobStarter starter,
    IVideoPublisher publisher,
    IOptionsMonitor<WebhookOptions> webhooks,
    IOptionsMonitor<BatchOptions> batchOptions,
    ILogger<UploadDispatcher> logger)
{
    private readonly BatchDropDispatcher batches = new(store, starter, batchOptions, webhooks, logger);

    /// <summary>Bigger parameter files are refused rather than read: the document has a dozen small fields.</summary>
    public const int MaxParametersBytes = 64 * 1024;

    // Jobs this process already started or saw: spares the task hub a lookup per pair on every poll. Only a cache:
    // correctness comes from the deterministic id; cleared when large rather than grown without bound.
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, byte> handled = new(StringComparer.Ordinal);

    // Portrait + parameters drops whose parameters hold no script, by their id: they wait for a recording, and the
    // poller need not read the same parameters file again on every scan.
    private readonly ConcurrentDictionary<string, byte> awaitingRecording = new(StringComparer.Ordinal);

    /// <summary>Handles a notification that <paramref name="blobName"/> (a name inside <c>uploads</c>) was created or changed.</summary>
    public async Task<UploadDispatch> DispatchAsync(string blobName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        if (BatchManifest.IsManifestName(blobName))
        {
            return await batches.DispatchAsync(blobName, cancellationToken).ConfigureAwait(false);
        }

        var stem = UploadNames.Stem(blobName);
        if (UploadNames.RoleOf(blobName) == UploadRole.None)
        {
            return new UploadDispatch(stem, null, UploadDispatchStatus.Ignored);
        }

        // A portrait or recording that arrives after its manifest may complete that batch (with Event Grid nothing
        // else would look again): the manifests in the same folder are checked, cheaply once they have started.
        var folder = blobName[..(blobName.LastIndexOf('/') + 1)];
        var inFolder = await ListAsync(folder.Length == 0 ? null : folder, cancellationToken).ConfigureAwait(false);
        foreach (var manifest in inFolder.Select(i => i.Ref.Name).Where(n => BatchManifest.IsManifestName(n) && n.LastIndexOf('/') == folder.Length - 1))
        {
            await batches.DispatchAsync(manifest, cancellationToken).ConfigureAwait(false);
        }

        // "stem." also matches "stem.v2.jpg" (stem "stem.v2"): grouping by exact stem drops those.
        var listing = inFolder.Where(i => i.Ref.Name.StartsWith(stem + ".", StringComparison.Ordinal)).ToList();
        var group = UploadPairing.Group(listing).FirstOrDefault(g => g.Stem == stem);
        var pair = group?.ToPair();
        return pair is null
            ? new UploadDispatch(stem, null, UploadDispatchStatus.Incomplete)
            : await DispatchPairAsync(pair, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scans the whole container and dispatches every complete pair (the polling watcher; catch-up after downtime).</summary>
    public async Task<IReadOnlyList<UploadDispatch>> DispatchAllAsync(CancellationToken cancellationToken)
    {
        var listing = await ListAsync(null, cancellationToken).ConfigureAwait(false);
        var results = new List<UploadDispatch>();
        foreach (var manifest in listing.Where(i => BatchManifest.IsManifestName(i.Ref.Name)))
        {
            try
            {
                results.Add(await batches.DispatchAsync(manifest.Ref.Name, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.DispatchFailed(logger, e, manifest.Ref.Name);
            }
        }

        foreach (var group in UploadPairing.Group(listing))
        {
            var pair = group.ToPair();
            if (pair is null)
            {
                results.Add(new UploadDispatch(group.Stem, null, UploadDispatchStatus.Incomplete));
                continue;
            }

            try
            {
                results.Add(await DispatchPairAsync(pair, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad pair must not starve the others; the next scan retries it.
                Log.DispatchFailed(logger, e, group.Stem);
            }
        }

        return results;
    }

    private async Task<UploadDispatch> DispatchPairAsync(UploadPair pair, CancellationToken cancellationToken)
    {
        var jobId = pair.JobId;
        if (handled.ContainsKey(jobId))
        {
            return new UploadDispatch(pair.Stem, jobId, UploadDispatchStatus.AlreadyStarted);
        }

        if (awaitingRecording.ContainsKey(jobId))
        {
            return new UploadDispatch(pair.Stem, null, UploadDispatchStatus.Incomplete);
        }

        var parameters = await ReadParametersAsync(pair, cancellationToken).ConfigureAwait(false);
        if (parameters.Error is null && pair.Audio is null && parameters.Value!.Script is null)
        {
            // An image and a parameters file without a script: the recording is still to come.
            Remember(awaitingRecording, jobId);
            return new UploadDispatch(pair.Stem, null, UploadDispatchStatus.Incomplete);
        }

        if (parameters.Error is { } error)
        {
            // Decision: a parameters file that is not valid JSON (or names unknown parameters) starts no job; its
            // outcome goes straight to results/{stem}.json, like any failed job, and the uploads stay.
            await publisher.WriteResultAsync(pair.Stem, new JobOutcome(jobId, JobOutcome.Failed, Error: error), cancellationToken).ConfigureAwait(false);
            Log.ParametersRejected(logger, pair.Stem, jobId, error.Message);
            Remember(jobId);
            return new UploadDispatch(pair.Stem, jobId, UploadDispatchStatus.Rejected);
        }

        var request = new JobRequest(jobId, pair.Image.Ref, pair.Audio?.Ref, parameters.Value!, ResultStem: pair.Stem);
        var (_, created) = await starter.StartAsync(request, cancellationToken).ConfigureAwait(false);
        Remember(jobId);
        if (created)
        {
            Log.JobStarted(logger, pair.Stem, jobId);
        }

        return new UploadDispatch(pair.Stem, jobId, created ? UploadDispatchStatus.Started : UploadDispatchStatus.AlreadyStarted);
    }

    /// <summary>
    /// The pair's parameters (<c>stem.json</c>, else the defaults) with its <c>stem.txt</c> script, checked: the
    /// callback against this server's rules, exactly one of a recording and a script once there is a script.
    /// </summary>
    private async Task<(RenderParameters? Value, JobError? Error)> ReadParametersAsync(UploadPair pair, CancellationToken cancellationToken)
    {
        var (parameters, error) = pair.Parameters is { } file ? await ReadParametersFileAsync(file, cancellationToken).ConfigureAwait(false) : (new RenderParameters(), null);
        if (error is not null || (pair.Script is null && pair.Audio is null))
        {
            return (parameters, error);
        }

        try
        {
            if (pair.Script is { } script)
            {
                if (parameters!.Script is not null)
                {
                    throw new SonicJobException(ErrorCodes.InputConflict, $"Both {script.Ref.Name} and the parameters file give a script; give one of them.");
                }

                parameters = (parameters with { Script = await ReadScriptAsync(script, cancellationToken).ConfigureAwait(false) }).Validate();
            }

            RecordingOrScript.Check(pair.Audio is not null, parameters!);
            return (parameters, null);
        }
        catch (SonicJobException e)
        {
            return (null, JobError.From(e));
        }
    }

    /// <summary><c>stem.txt</c> as UTF-8 text (a byte-order mark dropped).</summary>
    private async Task<string> ReadScriptAsync(ArtifactInfo file, CancellationToken cancellationToken)
    {
        if (file.Size > MaxParametersBytes)
        {
            throw new SonicJobException(ErrorCodes.ScriptTooLong, $"The script {file.Ref.Name} is larger than {MaxParametersBytes / 1024} KiB.");
        }

        var bytes = await store.ReadAllBytesAsync(file.Ref, cancellationToken).ConfigureAwait(false);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Typically UTF-16 from an old editor: say so rather than speak the noise.
            throw new SonicJobException(ErrorCodes.InvalidParameter, $"The script {file.Ref.Name} is not UTF-8 text; save it as UTF-8.");
        }
    }

    private async Task<(RenderParameters? Value, JobError? Error)> ReadParametersFileAsync(ArtifactInfo file, CancellationToken cancellationToken)
    {
        var name = file.Ref.Name;
        if (file.Size > MaxParametersBytes)
        {
            return (null, new JobError(ErrorCodes.InvalidParameter, $"The parameters file {name} is larger than {MaxParametersBytes / 1024} KiB."));
        }

        var stream = await store.OpenReadAsync(file.Ref, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var parameters = await JsonSerializer.DeserializeAsync<RenderParameters>(stream, ParameterJson.Options, cancellationToken).ConfigureAwait(false);
                if (parameters is null)
                {
                    return (null, new JobError(ErrorCodes.InvalidParameter, $"The parameters file {name} must hold a JSON object."));
                }

                WebhookUrlRules.EnsureAllowed(parameters.CallbackUrl, webhooks.CurrentValue);
                return (parameters, null);
            }
            catch (SonicJobException e)
            {
                return (null, JobError.From(e));
            }
            catch (JsonException e)
            {
                // Position only: the serializer's own message names .NET types, which mean nothing to users.
                var where = e.Path is null or "$" ? string.Empty : $" at {e.Path}";
                return (null, new JobError(ErrorCodes.InvalidParameter, $"The parameters file {name} is not a valid parameters object{where} (unknown names and malformed JSON are refused)."));
            }
        }
    }

    private async Task<List<ArtifactInfo>> ListAsync(string? prefix, CancellationToken cancellationToken)
    {
        var items = new List<ArtifactInfo>();
        await foreach (var item in store.ListAsync(ContainerNames.Uploads, prefix, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    private void Remember(string jobId) => Remember(handled, jobId);

    private static void Remember(ConcurrentDictionary<string, byte> cache, string jobId)
    {
        if (cache.Count >= MaxRemembered)
        {
            cache.Clear();
        }

        cache.TryAdd(jobId, 0);
    }
}
