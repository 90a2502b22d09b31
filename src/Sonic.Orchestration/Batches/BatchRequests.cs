using Sonic.Media.Errors;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// Turns a manifest with its resolved inputs into the <see cref="BatchRequest"/>, the same way for HTTP and drops:
/// item parameters (shared, then the item's own), a download name from the audio file where none is given (for a
/// script, the portrait's name and the script's language: <c>name.es</c>), the batch's callback and correlation id on
/// every item that has none of its own, every callback checked, and exactly one of a recording and a script per item.
/// </summary>
public static class BatchRequests
{
    /// <summary>
    /// Everything <see cref="Build"/> refuses, checked before any input is stored (errors name the item);
    /// <paramref name="recordings"/> says which items will have a recording.
    /// </summary>
    public static void Check(BatchManifest manifest, IReadOnlyList<bool> recordings, WebhookOptions webhooks)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(recordings);
        CheckBatch(manifest, webhooks);
        for (var i = 0; i < manifest.Items.Count; i++)
        {
            _ = ItemParameters(manifest, i, recordings[i], nameStem: null, webhooks);
        }
    }

    /// <param name="audio">
    /// Each item's stored audio and the stem of the name it came with (the default download name); no audio for an
    /// item that speaks a script.
    /// </param>
    /// <param name="portraitStem">The portrait's name without extension: script items are called after it.</param>
    public static BatchRequest Build(
        string batchId,
        ArtifactRef image,
        BatchManifest manifest,
        IReadOnlyList<(ArtifactRef? Audio, string? NameStem)> audio,
        string? portraitStem,
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
            var (recording, nameStem) = audio[i];
            var parameters = ItemParameters(manifest, i, recording is not null, recording is null ? ScriptName(manifest, i, portraitStem) : nameStem, webhooks);
            items.Add(new JobRequest(BatchIds.Item(batchId, i), image, recording, parameters));
        }

        return new BatchRequest(batchId, image, items, options.MaxConcurrency, manifest.CallbackUrl, manifest.CorrelationId, resultStem);
    }

    private static void CheckBatch(BatchManifest manifest, WebhookOptions webhooks)
    {
        new RenderParameters { CallbackUrl = manifest.CallbackUrl, CorrelationId = manifest.CorrelationId }.Validate();
        WebhookUrlRules.EnsureAllowed(manifest.CallbackUrl, webhooks);
    }

    /// <summary>A script item's default name: the portrait's, then its language (or voice), so N languages give <c>name.en</c>, <c>name.es</c>, ….</summary>
    private static string? ScriptName(BatchManifest manifest, int index, string? portraitStem)
    {
        var parameters = manifest.ParametersOf(index);
        var suffix = parameters.Language ?? parameters.Voice ?? FormattableString.Invariant($"{index + 1}");
        return portraitStem is null ? suffix : $"{portraitStem}.{suffix}";
    }

    private static RenderParameters ItemParameters(BatchManifest manifest, int index, bool hasRecording, string? nameStem, WebhookOptions webhooks)
    {
        var parameters = manifest.ParametersOf(index);
        parameters = parameters with
        {
            FileName = parameters.FileName ?? nameStem,
            CallbackUrl = parameters.CallbackUrl ?? manifest.CallbackUrl,
            CorrelationId = parameters.CorrelationId ?? manifest.CorrelationId,
        };
        WebhookUrlRules.EnsureAllowed(parameters.CallbackUrl, webhooks);
        try
        {
            RecordingOrScript.Check(hasRecording, parameters);
        }
        catch (SonicJobException e)
        {
            throw new SonicJobException(e.Code, FormattableString.Invariant($"Item {index + 1}: {e.Message}"));
        }

        return parameters.Validate();
    }
}
