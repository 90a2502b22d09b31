using Sonic.Pipeline.Publishing;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Publishes <c>work/{jobId}/video.mp4</c> as the public download (<see cref="IVideoPublisher"/> overwrites, so a
/// re-run replaces rather than adds), and writes a dropped job's outcome to <c>results/{stem}.json</c>.
/// </summary>
public sealed class PublishStage(IVideoPublisher publisher)
{
    public Task<PublishedVideo> RunAsync(string jobId, string fileName, CancellationToken cancellationToken)
        => publisher.PublishAsync(jobId, new JobArtifacts(jobId).Video, fileName, cancellationToken);

    public Task WriteResultAsync(string stem, JobOutcome outcome, CancellationToken cancellationToken)
        => publisher.WriteResultAsync(stem, outcome, cancellationToken);
}
