using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Telemetry;

namespace Sonic.Orchestration.Client;

/// <summary>
/// <see cref="IJobStarter"/> over any <see cref="DurableTaskClient"/> (the task hub client in the worker, the Functions binding).
/// Three layers keep one job per id: concurrent calls in this process share one attempt; an existing instance is
/// found by a lookup before scheduling; and when two processes race past the lookup, the schedule asks the backend to
/// refuse every existing status (dedupe), and any failure after which the instance exists counts as "already there".
/// </summary>
public sealed class JobStarter(DurableTaskClient client, ILogger<JobStarter> logger) : IJobStarter
{
    private static readonly OrchestrationRuntimeStatus[] EveryStatus = [.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses];

    private readonly ConcurrentDictionary<string, Lazy<Task<(string, bool)>>> inFlight = new(StringComparer.Ordinal);

    public Task<(string InstanceId, bool Created)> StartAsync(JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StartAsync(OrchestrationNames.RenderVideo, request.JobId, request, cancellationToken);
    }

    public Task<(string InstanceId, bool Created)> StartBatchAsync(BatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StartAsync(OrchestrationNames.RenderBatch, request.BatchId, request, cancellationToken);
    }

    public Task<(string InstanceId, bool Created)> StartWebhookAsync(string instanceId, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return StartAsync(OrchestrationNames.DeliverWebhook, instanceId, delivery, cancellationToken);
    }

    private async Task<(string InstanceId, bool Created)> StartAsync(string name, string id, object input, CancellationToken cancellationToken)
    {
        var mine = new Lazy<Task<(string, bool)>>(() => StartOnceAsync(name, id, input, cancellationToken));
        var attempt = inFlight.GetOrAdd(id, mine);
        var owner = ReferenceEquals(attempt, mine);
        try
        {
            var (instanceId, created) = await attempt.Value.ConfigureAwait(false);

            // Callers that joined another caller's attempt did not create anything themselves.
            return (instanceId, created && owner);
        }
        finally
        {
            if (owner)
            {
                inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<(string, bool)>>>(id, attempt));
            }
        }
    }

    private async Task<(string, bool)> StartOnceAsync(string name, string id, object input, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            Log.AlreadyExists(logger, id);
            return (id, false);
        }

        var options = new StartOrchestrationOptions(id).WithDedupeStatuses(EveryStatus);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(name, input, options, cancellationToken).ConfigureAwait(false);
            Log.Scheduled(logger, id);
            if (name == OrchestrationNames.RenderVideo)
            {
                JobMetrics.Started(); // a batch's items start as sub-orchestrations, not here
            }
            return (id, true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // "Already exists" arrives as different exception types depending on the client (a gRPC status,
            // DurableTask.Core's OrchestrationAlreadyExistsException, a Functions binding error): ask the task hub.
            if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
            {
                Log.LostRace(logger, id, e.GetType().Name);
                return (id, false);
            }

            throw;
        }
    }
}
