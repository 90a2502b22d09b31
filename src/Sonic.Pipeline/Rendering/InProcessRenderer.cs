using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sonic.Inference.Animation;
using Sonic.Media.Video;
using Sonic.Pipeline.Audio;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Publishing;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// Runs every stage in this process, no Azure: audio → face → animate → paste-back → encode. Frames stream from
/// the animator through the compositor into ffmpeg one at a time, so memory does not grow with video length.
/// </summary>
public sealed partial class InProcessRenderer(
    AudioStage audioStage,
    FaceStage faceStage,
    IAnimator animator,
    VideoEncoder encoder,
    ILogger<InProcessRenderer> logger)
{
    public async Task<RenderResult> RenderAsync(
        RenderRequest request, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters.Validate();
        var timings = new List<StageTiming>();
        var work = Directory.CreateTempSubdirectory("sonic-render-");
        try
        {
            progress?.Report(new RenderProgress(RenderStages.Audio, 0.0));
            var clock = Stopwatch.StartNew();
            var audio = audioStage.Prepare(request.AudioPath, parameters, work.FullName, cancellationToken);
            timings.Add(new StageTiming(RenderStages.Audio, clock.Elapsed.TotalSeconds));
            Log.AudioReady(logger, audio.DurationSeconds, audio.Features.FrameCount);

            progress?.Report(new RenderProgress(RenderStages.Face, 0.04));
            clock.Restart();
            using var portrait = faceStage.Prepare(request.ImagePath, parameters, cancellationToken);
            timings.Add(new StageTiming(RenderStages.Face, clock.Elapsed.TotalSeconds));

            var crop = portrait.Crop;
            var compositor = new PasteBackCompositor(portrait.Source, crop.X, crop.Y, crop.Side, parameters.OutputResolution);
            var frameCount = audio.Features.FrameCount;
            var animation = new AnimationRequest(
                portrait.Portrait,
                audio.Features,
                (float)parameters.DynamicScale,
                (float)parameters.MotionScale,
                parameters.Seed,
                parameters.InferenceSteps);

            var fileName = DownloadFileName.Sanitize(
                parameters.FileName ?? Path.GetFileNameWithoutExtension(request.ImagePath));
            var settings = new VideoEncodeSettings(
                compositor.OutputWidth,
                compositor.OutputHeight,
                frameCount,
                AudioCodec: parameters.AudioCodec,
                Metadata: VideoMetadata.For(fileName, animator.Info));

            var meter = new StreamMeter();
            clock.Restart();
            var frames = Stream(animator.Animate(animation, cancellationToken), compositor, meter, frameCount, progress, cancellationToken);
            var outputPath = Path.GetFullPath(request.OutputPath);
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            await encoder.EncodeAsync(frames, audio.WavPath, outputPath, settings, cancellationToken).ConfigureAwait(false);
            var streamed = clock.Elapsed.TotalSeconds;
            timings.Add(new StageTiming(RenderStages.Animate, meter.AnimateSeconds));
            timings.Add(new StageTiming(RenderStages.Composite, meter.CompositeSeconds));
            timings.Add(new StageTiming(RenderStages.Encode, Math.Max(0, streamed - meter.AnimateSeconds - meter.CompositeSeconds)));
            progress?.Report(new RenderProgress(RenderStages.Encode, 1.0));

            var info = animator.Info;
            return new RenderResult(
                outputPath,
                fileName + ".mp4",
                settings.DurationSeconds,
                compositor.OutputWidth,
                compositor.OutputHeight,
                frameCount,
                settings.Fps,
                new FileInfo(outputPath).Length,
                new AnimatorReport(info.Name, info.Description, info.ExecutionProvider, info.IsSonic),
                timings,
                portrait.Warnings);
        }
        finally
        {
            TryDelete(work);
        }
    }

    private static IEnumerable<RgbaFrame> Stream(
        IEnumerable<RgbaFrame> animated,
        PasteBackCompositor compositor,
        StreamMeter meter,
        int frameCount,
        IProgress<RenderProgress>? progress,
        CancellationToken cancellationToken)
    {
        var reportEvery = Math.Max(1, frameCount / 50);
        using var source = animated.GetEnumerator();
        var index = 0;
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
            if (++index % reportEvery == 0)
            {
                progress?.Report(new RenderProgress(RenderStages.Animate, 0.08 + (0.92 * index / frameCount), $"frame {index}/{frameCount}"));
            }

            yield return composed;
        }
    }

    private void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException ex)
        {
            Log.CleanupFailed(logger, folder.FullName, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            Log.CleanupFailed(logger, folder.FullName, ex.Message);
        }
    }

    /// <summary>Time spent inside the animator and the compositor while ffmpeg pulls frames.</summary>
    private sealed class StreamMeter
    {
        private long animateTicks;
        private long compositeTicks;

        public double AnimateSeconds => animateTicks / (double)Stopwatch.Frequency;

        public double CompositeSeconds => compositeTicks / (double)Stopwatch.Frequency;

        public void Add(long animate, long composite)
        {
            animateTicks += animate;
            compositeTicks += composite;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Audio ready: {Seconds:F2} s, {Frames} frames")]
        public static partial void AudioReady(ILogger logger, double seconds, int frames);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Could not delete work folder {Folder}: {Reason}")]
        public static partial void CleanupFailed(ILogger logger, string folder, string reason);
    }
}
