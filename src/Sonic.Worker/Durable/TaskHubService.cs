using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;
using Sonic.Pipeline.Storage;
using Sonic.Worker.Hosting;

namespace Sonic.Worker.Durable;

/// <summary>
/// Builds the Durable Task Framework's Azure Storage backend (the one Durable Functions uses) on the account that
/// <see cref="StorageOptions"/> names: a connection string (Azurite, account key) or a service URI reached with
/// managed identity.
/// </summary>
public static class TaskHubService
{
    public static AzureStorageOrchestrationService Create(StorageOptions storage, WorkerOptions worker, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(worker);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = worker.TaskHubName,
            AppName = worker.AppName,
            StorageAccountClientProvider = ClientProvider(storage),

            // One id per process: two workers on one machine must not share partition leases.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
            MaxConcurrentTaskActivityWorkItems = worker.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = worker.MaxConcurrentOrchestrations,
            WorkItemQueueVisibilityTimeout = worker.ActivityVisibilityTimeout,
            ControlQueueVisibilityTimeout = worker.OrchestrationVisibilityTimeout,
            MaxQueuePollingInterval = worker.MaxQueuePollingInterval,
            LeaseInterval = worker.PartitionLeaseInterval,
            LeaseRenewInterval = worker.PartitionLeaseInterval / 3,
            LeaseAcquireInterval = worker.PartitionLeaseInterval / 3,

            // A second start for an existing id then fails (the job starter reads that as "already exists").
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        return new AzureStorageOrchestrationService(settings);
    }

    private static StorageAccountClientProvider ClientProvider(StorageOptions storage) => storage.Kind switch
    {
        StorageKind.ConnectionString => new StorageAccountClientProvider(storage.ConnectionString!),
        StorageKind.ServiceUri => ManagedIdentity(storage.ServiceUri!, storage.ManagedIdentityClientId),
        _ => throw new InvalidOperationException(
            $"The worker keeps its task hub in Azure Storage: set {StorageOptions.SectionName}:ConnectionString (Azurite) or :ServiceUri, not :LocalRoot."),
    };

    /// <summary>The queue and table endpoints sit beside the blob endpoint (<c>account.blob.…</c> → <c>account.queue.…</c>).</summary>
    private static StorageAccountClientProvider ManagedIdentity(Uri blobService, string? clientId)
    {
        var host = blobService.Host;
        var marker = host.IndexOf(".blob.", StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            throw new InvalidOperationException($"{StorageOptions.SectionName}:ServiceUri must be a blob endpoint (https://<account>.blob.<suffix>), not {blobService}.");
        }

        Uri Service(string kind) => new UriBuilder(blobService) { Host = $"{host[..marker]}.{kind}.{host[(marker + 6)..]}" }.Uri;
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return new StorageAccountClientProvider(blobService, Service("queue"), Service("table"), credential);
    }
}
