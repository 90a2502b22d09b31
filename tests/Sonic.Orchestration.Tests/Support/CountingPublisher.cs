using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Storage;

namespace Sonic.Orchestration.Tests.Support;

/// <summary>The real <see cref="IVideoPublisher"/>, counting its publish calls so tests can see how often Publish ran.</summary>
public sealed class CountingPublisher(IVideoPublisher inner) : IVideoPublisher
{
    private int _publishCalls;

    public int PublishCalls => Volatile.Read(ref _publishCalls);

    public Task<PublishedVideo> PublishAsync(string jobId, ArtifactRef workVideo, string fileName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _publishCalls);
        return inner.PublishAsync(jobId, workVideo, fileName, cancellationToken);
    }

    public Task WriteResultAsync(string stem, JobOutcome outcome, CancellationToken cancellationToken)
        => inner.WriteResultAsync(stem, outcome, cancellationToken);
}
