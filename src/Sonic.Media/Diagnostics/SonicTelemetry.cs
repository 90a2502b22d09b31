using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sonic.Media.Diagnostics;

/// <summary>
/// The one trace source and meter every Sonic assembly writes to (the hosts export both by this name), and the tag
/// names their spans and measurements share.
/// </summary>
public static class SonicTelemetry
{
    public const string Name = "Sonic";

    public const string FramesTag = "sonic.frames";
    public const string JobIdTag = "sonic.job_id";
    public const string CorrelationIdTag = "sonic.correlation_id";
    public const string StageTag = "sonic.stage";
    public const string ErrorCodeTag = "error.code";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>
    /// A child span around one external ffmpeg run; null when nobody listens. It does not become the current span:
    /// the caller's own work beside the pipe (the animator feeding it) stays under the caller's span.
    /// </summary>
    public static Activity? StartFfmpeg(string operation)
    {
        var caller = Activity.Current;
        var span = Source.StartActivity($"ffmpeg {operation}", ActivityKind.Internal)?.SetTag("process.executable.name", "ffmpeg");
        Activity.Current = caller;
        return span;
    }

    /// <summary>Closes a span with the frames it handled and, on failure, the error.</summary>
    public static void End(this Activity? span, int frames, string? error = null)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(FramesTag, frames);
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error);
        }

        span.Dispose();
    }
}
