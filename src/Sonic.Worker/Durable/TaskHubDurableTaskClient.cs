using DurableTask.AzureStorage;
using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Sonic.Worker.Durable;

/// <summary>
/// The <see cref="DurableTaskClient"/> that the API handlers and the job starter already use, over the Durable Task
/// Framework's own <see cref="TaskHubClient"/> and the Azure Storage backend: no sidecar between them. Inputs and
/// outputs go through the SDK's JSON converter (<see cref="SdkPayloadConverter"/>), so both sides read the same
/// payloads as under Durable Functions. What the API never calls is refused plainly rather than half-built.
/// </summary>
public sealed class TaskHubDurableTaskClient : DurableTaskClient
{
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubClient client;
    private readonly DataConverter converter = JsonDataConverter.Default;

    public TaskHubDurableTaskClient(AzureStorageOrchestrationService service, ILoggerFactory loggerFactory)
        : base("taskhub")
    {
        this.service = service;
        client = new TaskHubClient(service, new SdkPayloadConverter(converter), loggerFactory);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (options?.StartAt is not null)
        {
            throw Unused();
        }

        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var dedupe = options?.DedupeStatuses?.Select(s => Enum.Parse<CoreStatus>(s, ignoreCase: true)).ToArray();
        var tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [];

        // TaskHubClient starts the "create_orchestration" span and hands its context to the orchestration's trace.
        await client.CreateOrchestrationInstanceAsync(orchestratorName.Name, options?.Version ?? string.Empty, id, input, tags, dedupe)
            .ConfigureAwait(false);
        return id;
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs).ConfigureAwait(false);
        return states.FirstOrDefault() is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null) =>
        Pageable.Create(async (string? continuation, int? pageSize, CancellationToken cancellation) =>
        {
            var condition = new OrchestrationInstanceStatusQueryCondition
            {
                RuntimeStatus = query?.Statuses?.Select(s => (CoreStatus)s).ToList(),
                CreatedTimeFrom = query?.CreatedFrom?.UtcDateTime ?? default,
                CreatedTimeTo = query?.CreatedTo?.UtcDateTime ?? default,
                InstanceIdPrefix = query?.InstanceIdPrefix,
                FetchInput = query?.FetchInputsAndOutputs ?? false,
                FetchOutput = query?.FetchInputsAndOutputs ?? false,
            };
            var size = pageSize ?? query?.PageSize ?? OrchestrationQuery.DefaultPageSize;
            var page = await service.GetOrchestrationStateAsync(condition, size, continuation ?? query?.ContinuationToken, cancellation)
                .ConfigureAwait(false);
            var items = page.OrchestrationState.Select(s => ToMetadata(s, condition.FetchInput)).ToList();
            return new Page<OrchestrationMetadata>(items, page.ContinuationToken);
        });

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, converter.Serialize(options?.Output) ?? string.Empty);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var state = await client.WaitForOrchestrationAsync(new OrchestrationInstance { InstanceId = instanceId }, Timeout.InfiniteTimeSpan, cancellation)
            .ConfigureAwait(false);

        // The backend answers null when the wait was cancelled.
        return state is null ? throw new OperationCanceledException(cancellation) : ToMetadata(state, getInputsAndOutputs);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        throw Unused();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw Unused();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw Unused();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw Unused();

    public override Task<Microsoft.DurableTask.Client.PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw Unused();

    public override Task<Microsoft.DurableTask.Client.PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw Unused();

    public override ValueTask DisposeAsync() => default;

    private static NotSupportedException Unused() =>
        new("The self-hosted worker's client serves the video API: schedule (now), read, list, wait and terminate.");

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = withPayloads ? converter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = state.Input,
            SerializedOutput = state.Output,
            SerializedCustomStatus = state.Status,
            FailureDetails = state.OrchestrationStatus == CoreStatus.Failed ? FailureOf(state) : null,
        };

    /// <summary>
    /// The Azure Storage backend keeps a failed instance's details in its Output column as their text form,
    /// <c>ErrorType: ErrorMessage</c> (a type name holds no ": "), and returns no <see cref="FailureDetails"/> object.
    /// </summary>
    private static TaskFailureDetails? FailureOf(OrchestrationState state)
    {
        if (state.FailureDetails is { } details)
        {
            return new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, null, null);
        }

        var text = state.Output;
        var colon = text?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
        return colon > 0 ? new TaskFailureDetails(text![..colon], text[(colon + 2)..], null, null, null) : null;
    }
}
