using DurableTask.AzureStorage;
using Microsoft.Extensions.Hosting;
using Sonic.Pipeline.Storage;

namespace Sonic.Worker.Hosting;

/// <summary>
/// Creates the task hub (queues, tables, lease containers) and the artifact containers before the engine
/// dispatches work. Idempotent, so every worker sharing the hub runs it; registered before the Durable Task worker
/// so it starts first.
/// </summary>
public sealed class StorageInitializer(AzureStorageOrchestrationService taskHub, IArtifactStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        await taskHub.CreateIfNotExistsAsync().ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
