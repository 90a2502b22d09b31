using System.Globalization;
using System.Text.Json;
using Sonic.Pipeline.Publishing;
using Sonic.Pipeline.Rendering;

namespace Sonic.Cli.Output;

/// <summary>Shows progress per stage on stderr, and the result or the error as text or as one JSON object.</summary>
internal sealed class RenderReporter(CliOutput output, bool asJson) : IProgress<RenderProgress>
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = ReadableJsonEncoder.Instance };
    private readonly Lock gate = new();
    private string? lastStage;
    private int lastDecile = -1;

    public void Report(RenderProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (gate)
        {
            var decile = (int)(value.Fraction * 10);
            if (value.Stage == lastStage && decile == lastDecile)
            {
                return;
            }

            if (value.Stage != lastStage)
            {
                output.Error.WriteLine($"[{Percent(value.Fraction)}] {value.Stage}…");
            }
            else
            {
                output.Error.WriteLine($"[{Percent(value.Fraction)}] {value.Stage} {value.Detail}".TrimEnd());
            }

            lastStage = value.Stage;
            lastDecile = decile;
        }
    }

    public void Done(RenderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (asJson)
        {
            output.Out.WriteLine(JsonSerializer.Serialize(result, Json));
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var total = result.ElapsedSeconds ?? result.Timings.Sum(t => t.Seconds);
        output.Out.WriteLine($"Wrote {result.OutputPath}");
        if (result.PosterPath is { } poster)
        {
            output.Out.WriteLine($"  poster      {poster}");
        }

        if (result.CaptionPaths is { Count: > 0 } captions)
        {
            output.Out.WriteLine($"  captions    {string.Join(", ", captions)}");
        }

        output.Out.WriteLine(string.Create(inv, $"  duration    {result.DurationSeconds:F2} s ({result.FrameCount} frames at {result.FramesPerSecond} fps)"));
        output.Out.WriteLine(string.Create(inv, $"  resolution  {result.Width}x{result.Height}"));
        output.Out.WriteLine($"  animator    {result.Animator.Name}: {result.Animator.Description}, on {result.Animator.ExecutionProvider}");
        output.Out.WriteLine(string.Create(inv, $"  size        {result.SizeBytes / 1048576.0:F2} MB"));
        var stages = string.Join(", ", result.Timings.Select(t => string.Create(inv, $"{t.Stage} {t.Seconds:F2} s")));
        output.Out.WriteLine(string.Create(inv, $"  timings     {stages}; total {total:F2} s (stages overlap)"));
        if (result.LipSync is { } sync)
        {
            var before = sync.OffsetBefore is { } b ? string.Create(inv, $"{b * 1000:F0} ms") : "not measurable (no speech)";
            var after = sync.OffsetAfter is { } a ? string.Create(inv, $"{a * 1000:F0} ms") : "-";
            output.Out.WriteLine(sync.Corrected
                ? string.Create(inv, $"  lip-sync    offset {before}, audio shifted {sync.AudioShiftSeconds * 1000:F0} ms, now {after}")
                : $"  lip-sync    offset {before}, left as is");
        }

        if (result.Motion is { } motion)
        {
            output.Out.WriteLine(string.Create(inv, $"  smoothing   jitter corrected {motion.MeanShiftPixels:F2} px, flicker {motion.MeanGainChange * 100:F1} % per frame on average"));
        }

        foreach (var warning in result.Warnings)
        {
            output.Out.WriteLine($"  warning     {warning}");
        }
    }

    public int Failed(CliError error, Exception? detail)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (asJson)
        {
            output.Out.WriteLine(JsonSerializer.Serialize(new { error = new { code = error.Code, message = error.Message } }, Json));
        }
        else
        {
            output.Error.WriteLine($"error: {error.Code}: {error.Message}");
        }

        if (detail is not null)
        {
            output.Error.WriteLine(detail.ToString());
        }

        return error.ExitCode;
    }

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(fraction, 0, 1) * 100,3:F0}%");
}
