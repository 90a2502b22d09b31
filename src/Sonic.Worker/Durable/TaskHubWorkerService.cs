using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sonic.Worker.Durable;

/// <summary>
/// The Durable Task SDK's worker, hosted on the Durable Task Framework engine that Durable Functions runs on: a
/// <see cref="TaskHubWorker"/> over the Azure Storage backend, dispatching to our function-based orchestrator and
/// activities through the SDK's public shims. Registered with <c>UseBuildTarget</c>, so the SDK builds it from the
/// same registry as any other worker. The engine renews activity locks itself and needs no sidecar.
/// </summary>
public sealed class TaskHubWorkerService : DurableTaskWorker
{
    private readonly AzureStorageOrchestrationService service;
    private readonly IServiceProvider services;
    private readonly ILoggerFactory loggerFactory;
    private readonly DurableTaskShimFactory shims;
    private TaskHubWorker? worker;

    public TaskHubWorkerService(
        string name,
        IDurableTaskFactory factory,
        AzureStorageOrchestrationService service,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskWorkerOptions> options,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.service = service;
        this.services = services;
        this.loggerFactory = loggerFactory;
        shims = new DurableTaskShimFactory(options.Get(name), loggerFactory);
    }

    /// <summary>Whether the engine has started dispatching (the readiness check reads it).</summary>
    public bool IsStarted { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        worker = new TaskHubWorker(
            service,
            new FactoryObjectManager<TaskOrchestration>(CreateOrchestration),
            new FactoryObjectManager<TaskActivity>(CreateActivity),
            loggerFactory)
        {
            // The shims read failures as FailureDetails (type, message, stack), as the SDK's own workers do.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await worker.StartAsync().ConfigureAwait(false);
        IsStarted = true;
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync below hands the work items back.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (worker is not null)
        {
            IsStarted = false;

            // Not forced: the engine waits for running work items (bounded by the host's shutdown timeout); an item
            // cut short by a crash is redelivered once its lock lapses (at-least-once), so nothing is lost.
            await worker.StopAsync(isForced: cancellationToken.IsCancellationRequested).ConfigureAwait(false);
        }
    }

    private TaskOrchestration? CreateOrchestration(string name) =>
        Factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator)
            ? shims.CreateOrchestration(new TaskName(name), orchestrator)
            : null;

    private TaskActivity? CreateActivity(string name) =>
        Factory.TryCreateActivity(new TaskName(name), services, out var activity)
            ? shims.CreateActivity(new TaskName(name), activity)
            : null;
}
