using System.Diagnostics;
using OpenTelemetry;

namespace Sonic.Pipeline.Telemetry;

/// <summary>
/// Keeps background polling out of the exported traces: an outgoing call with no parent span (the task hub's queue
/// and lease calls, the upload watcher's scans, several a second per worker) is marked not recorded when it ends, so
/// no exporter added after this processor sends it. Calls made inside a job have a parent and are kept.
/// </summary>
internal sealed class BackgroundCallFilter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Client && data.ParentSpanId == default)
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
