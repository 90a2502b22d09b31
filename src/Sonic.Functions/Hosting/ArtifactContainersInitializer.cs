using Microsoft.Extensions.Hosting;
using Sonic.Pipeline.Storage;

namespace Sonic.Functions.Hosting;

/// <summary>
/// Creates the artifact containers (<c>uploads</c>, <c>work</c>, <c>videos</c>, <c>results</c>) at start, as the
/// self-hosted worker does; idempotent. The Durable extension creates its own task hub.
/// </summary>
public sealed class ArtifactContainersInitializer(IArtifactStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureContainersAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
