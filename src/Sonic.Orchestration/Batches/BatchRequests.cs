using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// Turns a manifest with its resolved inputs into the <see cref="BatchRequest"/>, the same way for HTTP and drops:
/// item parameters (shared, then the item's own), a download name from the audio file where none is given, the
/// batch's callback and correlation id on every item that has none of its own, and every callback checked.
/// </summary>
public static class BatchRequests
{
    /// <summary>Everything <see cref="Build"/> refuses, checked before any input is stored (errors name the item).</summary>
    public static void Check(BatchManifest manifest, WebhookOptions webhooks)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        CheckBatch(manifest, webhooks);
        for (var i = 0; i < manifest.Items.Count; i++)
        {
            _ = ItemParameters(manifest, i, audioStem: null, webhooks);
        }
    }

    /// <param name="audio">Each item's stored audio and the stem of the name it came with (the default download name).</param>
    public static BatchRequest Build(
        string batchId,
        ArtifactRef image,
        BatchManifest manifest,
        IReadOnlyList<(ArtifactRef Audio, string? NameStem)> audio,
        BatchOptions options,
        WebhookOptions webhooks,
        string? resultStem = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(options);
        CheckBatch(manifest, webhooks);
        var items = new List<JobRequest>(manifest.Items.Count);
        for (var i = 0; i < manifest.Items.Count; i++)
        {
            items.Add(new JobRequest(BatchIds.Item(batchId, i), image, audio[i].Audio, ItemParameters(manifest, i, audio[i].NameStem, webhooks)));
        }

        return new BatchRequest(batchId, image, items, options.MaxConcurrency, manifest.CallbackUrl, manifest.CorrelationId, resultStem);
    }

    private static void CheckBatch(BatchManifest manifest, WebhookOptions webhooks)
    {
        new RenderParameters { CallbackUrl = manifest.CallbackUrl, CorrelationId = manifest.CorrelationId }.Validate();
        WebhookUrlRules.EnsureAllowed(manifest.CallbackUrl, webhooks);
    }

    private static RenderParameters ItemParameters(BatchManifest manifest, int index, string? audioStem, WebhookOptions webhooks)
    {
        var parameters = manifest.ParametersOf(index);
        parameters = parameters with
        {
            FileName = parameters.FileName ?? audioStem,
            CallbackUrl = parameters.CallbackUrl ?? manifest.CallbackUrl,
            CorrelationId = parameters.CorrelationId ?? manifest.CorrelationId,
        };
        WebhookUrlRules.EnsureAllowed(parameters.CallbackUrl, webhooks);
        RecordingOrScript.EnsureNoScript(parameters);
        return parameters.Validate();
    }
}
