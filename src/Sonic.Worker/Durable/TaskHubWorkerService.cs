using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Pipeline.Storage;
using Sonic.Worker.Hosting;

namespace Sonic.Worker.Durable;

/// <summary>
/// The Durable Task SDK's worker, hosted on the Durable Task Framework engine that Durable Functions runs on: a
/// <see cref="TaskHubWorker"/> over the Azure Storage backend, dispatching to our function-based orchestrator and
/// activities through the SDK's public shims. Registered with <c>UseBuildTarget</c>, so the SDK builds it from the
/// same registry as any other worker. The engine renews activity locks itself and needs no sidecar. After a storage
/// outage that left work items it could not hand back (<see cref="ReleaseWatchingService"/>), it replaces the engine
/// with a fresh one once storage answers, in the same process.
/// </summary>
public sealed class TaskHubWorkerService : DurableTaskWorker
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long work still running in an engine being replaced may take to finish before it is cut short.</summary>
    private static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(30);

    private readonly AzureStorageOrchestrationService taskHub;
    private readonly StorageOptions storage;
    private readonly WorkerOptions options;
    private readonly IServiceProvider services;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly DurableTaskShimFactory shims;
    private Engine? engine;

    public TaskHubWorkerService(
        string name,
        IDurableTaskFactory factory,
        AzureStorageOrchestrationService taskHub,
        IOptions<StorageOptions> storage,
        IOptions<WorkerOptions> options,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskWorkerOptions> sdkOptions,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sdkOptions);
        this.taskHub = taskHub;
        this.storage = storage.Value;
        this.options = options.Value;
        this.services = services;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<TaskHubWorkerService>();
        shims = new DurableTaskShimFactory(sdkOptions.Get(name), loggerFactory);
    }

    /// <summary>Whether an engine is dispatching work (the readiness check reads it).</summary>
    public bool IsStarted => Volatile.Read(ref engine) is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        engine = await StartEngineAsync().ConfigureAwait(false);
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var current = engine;
                if (current is not null && !current.Backend.LostWorkItems)
                {
                    continue;
                }

                if (await TaskHubProbe.FailureAsync(taskHub, stoppingToken).ConfigureAwait(false) is not null)
                {
                    continue; // storage still away: try again on the next tick
                }

                try
                {
                    if (current is not null)
                    {
                        Log.EngineRestarting(logger);
                        engine = null;
                        await StopEngineAsync(current, RestartGrace).ConfigureAwait(false);
                    }

                    var fresh = await StartEngineAsync().ConfigureAwait(false);
                    if (stoppingToken.IsCancellationRequested)
                    {
                        await StopEngineAsync(fresh, TimeSpan.Zero).ConfigureAwait(false);
                        break;
                    }

                    engine = fresh;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Storage went away again between the probe and the start: unready until a later tick succeeds.
                    Log.EngineStartFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync below hands the work items back.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref engine, null) is { } running)
        {
            // Running work items get until the host's shutdown timeout (10 s); what is cut short is redelivered once
            // its lock lapses (at-least-once), so nothing is lost.
            await StopEngineAsync(running, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Lets running work items finish within <paramref name="grace"/> (or until the token), then stops outright.</summary>
    private static async Task StopEngineAsync(Engine stopping, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        try
        {
            await stopping.Worker.StopAsync(isForced: false).WaitAsync(grace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await stopping.Worker.StopAsync(isForced: true).ConfigureAwait(false);
        }

        stopping.Backend.Dispose();
    }

    /// <summary>A new backend instance each time: its in-memory record of dequeued messages starts empty.</summary>
    private async Task<Engine> StartEngineAsync()
    {
        var backend = new ReleaseWatchingService(TaskHubService.Create(storage, options, loggerFactory));
        var worker = new TaskHubWorker(
            backend,
            new FactoryObjectManager<TaskOrchestration>(CreateOrchestration),
            new FactoryObjectManager<TaskActivity>(CreateActivity),
            loggerFactory)
        {
            // The shims read failures as FailureDetails (type, message, stack), as the SDK's own workers do.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        await worker.StartAsync().ConfigureAwait(false);
        return new Engine(worker, backend);
    }

    private TaskOrchestration? CreateOrchestration(string name) =>
        Factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator)
            ? shims.CreateOrchestration(new TaskName(name), orchestrator)
            : null;

    private TaskActivity? CreateActivity(string name) =>
        Factory.TryCreateActivity(new TaskName(name), services, out var activity)
            ? shims.CreateActivity(new TaskName(name), activity)
            : null;

    private sealed record Engine(TaskHubWorker Worker, ReleaseWatchingService Backend);
}
