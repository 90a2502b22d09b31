using System.Diagnostics.Metrics;
using Sonic.Media.Diagnostics;

namespace Sonic.Pipeline.Telemetry;

/// <summary>Jobs started, completed and failed (by error code), and how long each stage took.</summary>
public static class JobMetrics
{
    private static readonly Counter<long> StartedCounter = SonicTelemetry.Meter.CreateCounter<long>("sonic.jobs.started", "{job}", "Render jobs scheduled.");
    private static readonly Counter<long> CompletedCounter = SonicTelemetry.Meter.CreateCounter<long>("sonic.jobs.completed", "{job}", "Render jobs that published a video.");
    private static readonly Counter<long> FailedCounter = SonicTelemetry.Meter.CreateCounter<long>("sonic.jobs.failed", "{job}", "Render jobs that ended with an error code.");
    private static readonly Histogram<double> StageSeconds = SonicTelemetry.Meter.CreateHistogram<double>("sonic.stage.duration", "s", "Seconds per job stage.");

    public static void Started() => StartedCounter.Add(1);

    public static void Completed(IEnumerable<(string Stage, double Seconds)> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        CompletedCounter.Add(1);
        foreach (var (stage, seconds) in stages)
        {
            StageSeconds.Record(seconds, new KeyValuePair<string, object?>(SonicTelemetry.StageTag, stage));
        }
    }

    public static void Failed(string code, string stage) => FailedCounter.Add(
        1, new KeyValuePair<string, object?>(SonicTelemetry.ErrorCodeTag, code), new KeyValuePair<string, object?>(SonicTelemetry.StageTag, stage));
}
