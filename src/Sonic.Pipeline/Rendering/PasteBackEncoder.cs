using System.Diagnostics;
using Sonic.Inference.Animation;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.Jobs;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// The one "animated crops → paste-back → H.264" loop, shared by the in-process renderer (crops straight from the
/// animator) and the durable Encode stage (crops from <c>frames.mkv</c>). Frames are pulled by ffmpeg one at a time,
/// so memory does not grow with length; the time spent producing crops and compositing them is measured on the way.
/// </summary>
public sealed class PasteBackEncoder(VideoEncoder encoder)
{
    /// <param name="crops">Square crops, lazily produced; the source's own time is measured as <see cref="PasteBackEncodeResult.SourceSeconds"/>.</param>
    /// <param name="onFrame">Called after each composed frame with the number of frames done so far.</param>
    public async Task<PasteBackEncodeResult> EncodeAsync(
        IEnumerable<RgbaFrame> crops,
        PasteBackCompositor compositor,
        string audioWavPath,
        string outputPath,
        VideoEncodeSettings settings,
        Action<int>? onFrame,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentNullException.ThrowIfNull(compositor);
        var meter = new Meter();
        var clock = Stopwatch.StartNew();
        var result = await encoder.EncodeAsync(Compose(crops, compositor, meter, onFrame, cancellationToken), audioWavPath, outputPath, settings, cancellationToken)
            .ConfigureAwait(false);
        var total = clock.Elapsed.TotalSeconds;
        return new PasteBackEncodeResult(result, meter.SourceSeconds, meter.CompositeSeconds, Math.Max(0, total - meter.SourceSeconds - meter.CompositeSeconds));
    }

    /// <summary>The encode settings of one job: the compositor's output size, 25 fps, the user's audio codec, and
    /// container metadata naming the title and the animator (see <see cref="VideoMetadata"/>).</summary>
    public static VideoEncodeSettings Settings(PasteBackCompositor compositor, int frameCount, RenderParameters parameters, string title, AnimatorInfo animator)
    {
        ArgumentNullException.ThrowIfNull(compositor);
        ArgumentNullException.ThrowIfNull(parameters);
        return new VideoEncodeSettings(
            compositor.OutputWidth,
            compositor.OutputHeight,
            frameCount,
            AudioCodec: parameters.AudioCodec,
            Metadata: VideoMetadata.For(title, animator));
    }

    private static IEnumerable<RgbaFrame> Compose(
        IEnumerable<RgbaFrame> crops, PasteBackCompositor compositor, Meter meter, Action<int>? onFrame, CancellationToken cancellationToken)
    {
        using var source = crops.GetEnumerator();
        var done = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            if (!source.MoveNext())
            {
                yield break;
            }

            var middle = Stopwatch.GetTimestamp();
            var composed = compositor.Compose(source.Current);
            meter.Add(middle - start, Stopwatch.GetTimestamp() - middle);
            onFrame?.Invoke(++done);
            yield return composed;
        }
    }

    /// <summary>Time spent inside the crop source and the compositor while ffmpeg pulls frames.</summary>
    private sealed class Meter
    {
        private long _sourceTicks;
        private long _compositeTicks;

        public double SourceSeconds => _sourceTicks / (double)Stopwatch.Frequency;

        public double CompositeSeconds => _compositeTicks / (double)Stopwatch.Frequency;

        public void Add(long source, long composite)
        {
            _sourceTicks += source;
            _compositeTicks += composite;
        }
    }
}
