using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Orchestration.Uploads;
using Sonic.Worker.Hosting;

namespace Sonic.Worker.Uploads;

/// <summary>
/// Polls <c>uploads</c> and dispatches every complete pair. Azurite emits no Event Grid events, and a scan also
/// catches up on whatever arrived while no worker ran. Every worker sharing a task hub may poll: the dispatcher is
/// idempotent, so overlapping scans start each job once.
/// </summary>
public sealed class UploadWatcher(UploadDispatcher dispatcher, IOptions<WorkerOptions> options, ILogger<UploadWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.UploadPollInterval;
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await dispatcher.DispatchAllAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage hiccups or a task hub that is still starting: try again on the next tick.
                Log.ScanFailed(logger, e, interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
