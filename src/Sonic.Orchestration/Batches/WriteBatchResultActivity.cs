using System.Text.Json;
using Sonic.Orchestration.Activities;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Batches;

/// <summary>Writes <c>results/{stem}.batch.json</c> for a dropped manifest (indented, readable, as the job results are).</summary>
public sealed class WriteBatchResultActivity(IArtifactStore store) : JobActivity<BatchResultInput, string>
{
    public static ArtifactRef ResultOf(string stem) => new(ContainerNames.Results, stem + ".batch.json");

    /// <summary>Writes (or overwrites) the result document; also used for a manifest refused before any batch started.</summary>
    public static Task WriteAsync(IArtifactStore store, string stem, BatchStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.UploadBytesAsync(
            ResultOf(stem), JsonSerializer.SerializeToUtf8Bytes(status, ResultJson.Options), new ArtifactHeaders("application/json"), cancellationToken);
    }

    protected override async Task<string> RunStageAsync(BatchResultInput input, CancellationToken cancellationToken)
    {
        await WriteAsync(store, input.Stem, input.Status, cancellationToken).ConfigureAwait(false);
        return input.Stem;
    }
}
