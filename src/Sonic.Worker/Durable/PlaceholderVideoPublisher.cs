using System.Text.Json;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;

namespace Sonic.Worker.Durable;

/// <summary>TEMPORARY: stands in for the storage helper's VideoPublisher until branch 'storage' lands it.</summary>
public sealed class PlaceholderVideoPublisher(IArtifactStore store) : IVideoPublisher
{
    public Task<PublishedVideo> PublishAsync(string jobId, ArtifactRef workVideo, string fileName, CancellationToken cancellationToken)
        => throw new NotSupportedException("Placeholder publisher.");

    public Task WriteResultAsync(string stem, JobOutcome outcome, CancellationToken cancellationToken)
        => store.UploadBytesAsync(new ArtifactRef(ContainerNames.Results, stem + ".json"), JsonSerializer.SerializeToUtf8Bytes(outcome), new ArtifactHeaders("application/json"), cancellationToken);
}
