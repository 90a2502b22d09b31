using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sonic.Inference.Animation;
using Sonic.Media.Video;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Provenance;
using Sonic.Pipeline.Provenance.Watermark;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// The one "animated crops → paste-back → H.264" loop, shared by the in-process renderer (crops straight from the
/// animator) and the durable Encode stage (crops from <c>frames.mkv</c>). Frames are pulled by ffmpeg one at a time,
/// so memory does not grow with length; the time spent producing crops and compositing them is measured on the way.
/// </summary>
public sealed partial class PasteBackEncoder(VideoEncoder encoder, IOptions<ProvenanceOptions> provenance, WatermarkCode watermarkCode, ILogger<PasteBackEncoder> logger)
{
    /// <param name="crops">Square crops, lazily produced one frame ahead on their own thread (<see cref="FrameReadAhead"/>); the source's own time is measured as <see cref="PasteBackEncodeResult.SourceSeconds"/>.</param>
    /// <param name="onFrame">Called after each composed frame with the number of frames done so far.</param>
    public Task<PasteBackEncodeResult> EncodeAsync(
        IEnumerable<RgbaFrame> crops,
        PasteBackCompositor compositor,
        string audioWavPath,
        string outputPath,
        VideoEncodeSettings settings,
        Action<int>? onFrame,
        CancellationToken cancellationToken)
        => EncodeAsync(crops, compositor, audioWavPath, outputPath, settings, post: null, onFrame, cancellationToken);

    /// <summary>
    /// The same loop with post-processing in it: each crop's smoothing correction is measured
    /// (<see cref="MotionSmoother.Measure"/>) and applied by the compositor's resize, its mouth motion measured as
    /// shown (<see cref="MouthMotionMeter"/>), the watermark is drawn on the composed
    /// frame. Lip-sync is decided once every frame was seen (the whole clip gives a far better correlation than a
    /// look-ahead window, and needs no frames held back); a correction then re-muxes the encoded file with the audio
    /// shifted — the video stream is copied, so there is still one decode and one video encode.
    /// </summary>
    public async Task<PasteBackEncodeResult> EncodeAsync(
        IEnumerable<RgbaFrame> crops,
        PasteBackCompositor compositor,
        string audioWavPath,
        string outputPath,
        VideoEncodeSettings settings,
        PostProcessContext? post,
        Action<int>? onFrame,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentNullException.ThrowIfNull(compositor);
        ArgumentNullException.ThrowIfNull(settings);
        var meter = new Meter();
        var pass = post is { Plan.DoesAnything: true } ? new PostPass(post.Plan, settings, InvisibleMark(post, settings)) : null;
        var poster = post is { Plan.Eyes: { } eyes, Portrait: { } portrait }
            ? new PosterFramePicker(post.Plan.Mouth, eyes, portrait.Size, portrait.Rgba)
            : null;
        var ahead = new FrameReadAhead();
        var clock = Stopwatch.StartNew();
        var result = await encoder.EncodeAsync(Compose(ahead.Frames(crops, cancellationToken), compositor, pass, poster, meter, onFrame, cancellationToken), audioWavPath, outputPath, settings, cancellationToken)
            .ConfigureAwait(false);
        var total = clock.Elapsed.TotalSeconds;
        PostProcessReport? report = null;
        if (pass is not null)
        {
            var lipSync = await CalibrateAsync(pass, post!, audioWavPath, result.OutputPath, settings, cancellationToken).ConfigureAwait(false);
            var motion = pass.Smoother is { } smoother ? new MotionReport(Math.Round(smoother.MeanShiftPixels, 3), Math.Round(smoother.MeanGainChange, 4)) : null;
            report = new PostProcessReport(lipSync, motion, pass.Watermark is not null, Math.Round(meter.PostSeconds + (clock.Elapsed.TotalSeconds - total), 3), pass.Mark is not null);
        }

        // The source runs ahead on its own thread: its time is its own, and only the waits for it count against the
        // encoder's share of the wall clock.
        var encodeSeconds = Math.Max(0, total - meter.SourceSeconds - meter.CompositeSeconds - meter.PostSeconds);
        string? posterPath = null;
        if (poster is { FramesSeen: > 0 })
        {
            // From the finished file (after any lip-sync re-mux, which copies the video): exactly what plays. The poster
            // is a nicety: when ffmpeg cannot cut it, the video goes out without one rather than be encoded again.
            posterPath = PosterPathFor(result.OutputPath);
            try
            {
                await encoder.ExtractJpegAsync(result.OutputPath, poster.Choose(), settings.Fps, posterPath, cancellationToken).ConfigureAwait(false);
            }
            catch (MediaToolException e)
            {
                Log.NoPoster(logger, Path.GetFileName(result.OutputPath), e.Message);
                File.Delete(posterPath);
                posterPath = null;
            }
        }

        return new PasteBackEncodeResult(result, ahead.SourceSeconds, meter.CompositeSeconds, encodeSeconds, report, meter.SourceSeconds, posterPath);
    }

    /// <summary>
    /// The poster beside a video: <c>talk.mp4</c> → <c>talk.poster.jpg</c> (never <c>talk.jpg</c>, which may well be
    /// the portrait the video was made from).
    /// </summary>
    public static string PosterPathFor(string videoPath) => Path.ChangeExtension(videoPath, PosterExtension);

    public const string PosterExtension = ".poster.jpg";

    private async Task<LipSyncReport?> CalibrateAsync(
        PostPass pass, PostProcessContext post, string audioWavPath, string outputPath, VideoEncodeSettings settings, CancellationToken cancellationToken)
    {
        if (pass.Mouth is null)
        {
            return null;
        }

        var report = LipSyncCorrection.Decide(pass.Mouth.Motion, post.Loudness());
        if (report.Corrected)
        {
            var shifted = Path.Combine(Path.GetDirectoryName(outputPath)!, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.lipsync");
            try
            {
                await encoder.RemuxWithShiftedAudioAsync(outputPath, audioWavPath, report.AudioShiftSeconds, shifted, settings, cancellationToken).ConfigureAwait(false);
                File.Move(shifted, outputPath, overwrite: true);
            }
            finally
            {
                File.Delete(shifted);
            }
        }

        return report with
        {
            OffsetBefore = Round(report.OffsetBefore),
            OffsetAfter = Round(report.OffsetAfter),
            Correlation = Math.Round(report.Correlation, 3),
        };
    }

    /// <summary>The invisible watermark for a job whose plan asks for it: this deployment's key, its issuer and the job's id as the payload.</summary>
    private WatermarkEmbedder? InvisibleMark(PostProcessContext post, VideoEncodeSettings settings) => post is { Plan.InvisibleWatermark: true, ContentId: { } id }
        ? new WatermarkEmbedder(watermarkCode, WatermarkPayload.For(provenance.Value.ContentProducer, id), settings.Width, settings.Height)
        : null;

    private static double? Round(double? seconds) => seconds is { } s ? Math.Round(s, 3) : null;

    /// <summary>The encode settings of one job: the compositor's output size, 25 fps, the user's audio codec,
    /// container metadata naming the title and the animator (see <see cref="VideoMetadata"/>), and the implicit AIGC
    /// label in XMP for <paramref name="contentId"/> (the job).</summary>
    public VideoEncodeSettings Settings(PasteBackCompositor compositor, int frameCount, RenderParameters parameters, string title, AnimatorInfo animator, string contentId)
    {
        ArgumentNullException.ThrowIfNull(compositor);
        ArgumentNullException.ThrowIfNull(parameters);
        return new VideoEncodeSettings(
            compositor.OutputWidth,
            compositor.OutputHeight,
            frameCount,
            AudioCodec: parameters.AudioCodec,
            Metadata: VideoMetadata.For(title, animator),
            Xmp: AigcMetadata.Xmp(AigcMetadata.For(provenance.Value, contentId)));
    }

    private static IEnumerable<RgbaFrame> Compose(
        IEnumerable<RgbaFrame> crops, PasteBackCompositor compositor, PostPass? pass, PosterFramePicker? poster, Meter meter, Action<int>? onFrame, CancellationToken cancellationToken)
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
            var crop = source.Current;
            var correction = CropCorrection.Identity;
            if (pass is not null)
            {
                correction = pass.Smoother?.Measure(crop) ?? correction;
                pass.Mouth?.Add(crop, correction);
            }

            poster?.Add(crop);

            // The smoothing correction rides on the compositor's resize: no extra pass over the frame.
            var composing = Stopwatch.GetTimestamp();
            var composed = compositor.Compose(crop, correction);
            var composedAt = Stopwatch.GetTimestamp();
            pass?.Watermark?.Apply(composed);
            var label = pass?.LabelAt(done);
            label?.Apply(composed);
            // Last, over the labels too; into a frame of its own, so nothing needs undoing in the compositor's.
            var output = pass?.Mark?.Apply(composed, done) ?? composed;
            var end = Stopwatch.GetTimestamp();
            meter.Add(middle - start, composedAt - composing, (composing - middle) + (end - composedAt));
            onFrame?.Invoke(++done);
            yield return output;
            label?.Restore(composed);
            pass?.Watermark?.Restore(composed);
        }
    }

    /// <summary>The per-stream post-processing state: each part is null when its option is off.</summary>
    private sealed class PostPass(PostProcessPlan plan, VideoEncodeSettings settings, WatermarkEmbedder? mark)
    {
        public WatermarkEmbedder? Mark { get; } = mark;

        public MotionSmoother? Smoother { get; } = plan.SmoothMotion ? new MotionSmoother(plan.Face, plan.Mouth) : null;

        public MouthMotionMeter? Mouth { get; } = plan.CalibrateLipsync ? new MouthMotionMeter(plan.Mouth) : null;

        public WatermarkOverlay? Watermark { get; } = string.IsNullOrEmpty(plan.WatermarkText) ? null : new WatermarkOverlay(plan.WatermarkText, settings.Width, settings.Height);

        // The AI label: opaque enough to read on any background; the intro one large in the middle.
        private readonly WatermarkOverlay? corner = plan.HasAiLabel
            ? new WatermarkOverlay(plan.AiLabelText!, settings.Width, settings.Height, OverlayPlacement.TopLeft, 24f, 0.85)
            : null;

        private readonly WatermarkOverlay? intro = plan.HasAiLabel && plan.AiLabel == AiLabels.Intro
            ? new WatermarkOverlay(plan.AiLabelText!, settings.Width, settings.Height, OverlayPlacement.Center, 9f, 0.9)
            : null;

        private readonly int introFrames = (int)Math.Round(AiLabels.IntroSeconds * settings.Fps);

        /// <summary>The label for frame <paramref name="index"/> (from 0): the intro one first, the corner one after.</summary>
        public WatermarkOverlay? LabelAt(int index) => intro is not null && index < introFrames ? intro : corner;
    }

    /// <summary>Time spent waiting for the crop source and inside the compositor while ffmpeg pulls frames.</summary>
    private sealed class Meter
    {
        private long _sourceTicks;
        private long _compositeTicks;
        private long _postTicks;

        public double SourceSeconds => _sourceTicks / (double)Stopwatch.Frequency;

        public double CompositeSeconds => _compositeTicks / (double)Stopwatch.Frequency;

        public double PostSeconds => _postTicks / (double)Stopwatch.Frequency;

        public void Add(long source, long composite, long post)
        {
            _sourceTicks += source;
            _compositeTicks += composite;
            _postTicks += post;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1470, Level = LogLevel.Warning, Message = "No poster for {Video}: {Reason}")]
        public static partial void NoPoster(ILogger logger, string video, string reason);
    }
}
