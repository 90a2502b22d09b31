using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration.Client;
using Sonic.Orchestration.Uploads;

namespace Sonic.Functions.Uploads;

/// <summary>
/// A file landed in <c>uploads</c>: the shared <see cref="UploadDispatcher.DispatchAsync"/> pairs it and starts the
/// job, exactly as the self-hosted worker's watcher does. Event Grid delivers the notification (no container polling,
/// required on Flex Consumption); the blob itself is bound as a <see cref="BlobClient"/>, so nothing is downloaded here.
/// </summary>
public sealed class UploadBlobFunction(IServiceProvider services, ILoggerFactory loggers)
{
    public const string FunctionName = "DispatchUpload";

    /// <summary>App setting (prefix) naming the storage account that holds <c>uploads</c>.</summary>
    public const string Connection = "SonicStorage";

    [Function(FunctionName)]
    public async Task<UploadDispatch> RunAsync(
        [BlobTrigger("uploads/{name}", Source = BlobTriggerSource.EventGrid, Connection = Connection)] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);

        // The extension hands its client only to [DurableClient] parameters, so the starter is built around it here.
        var starter = new JobStarter(client, loggers.CreateLogger<JobStarter>());
        var dispatcher = ActivatorUtilities.CreateInstance<UploadDispatcher>(services, starter);
        return await dispatcher.DispatchAsync(name, cancellationToken).ConfigureAwait(false);
    }
}
