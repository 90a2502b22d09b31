using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sonic.Inference.Animation;
using Sonic.Media.Video;
using Sonic.Pipeline.Audio;
using Sonic.Pipeline.Captions;
using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Models;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Provenance.C2pa;
using Sonic.Pipeline.Publishing;

namespace Sonic.Pipeline.Rendering;

/// <summary>
/// Runs every stage in this process, no Azure: audio → face → animate → paste-back → encode. Frames stream from
/// the animator through the compositor into ffmpeg one at a time, so memory does not grow with video length. The
/// animator is the job's <see cref="RenderParameters.Model"/> from <see cref="AnimatorCatalog"/>, resolved before any
/// other work, so an unusable Sonic folder fails at once with <c>model_invalid</c> and no output file.
/// </summary>
public sealed partial class InProcessRenderer(
    AudioStage audioStage,
    FaceStage faceStage,
    AnimatorCatalog animators,
    PasteBackEncoder pasteBackEncoder,
    C2paSigner c2pa,
    ILogger<InProcessRenderer> logger)
{
    public async Task<RenderResult> RenderAsync(
        RenderRequest request, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = request.Parameters.Validate();
        var elapsed = Stopwatch.StartNew();
        var animator = animators.Resolve(parameters.Model);
        var timings = new List<StageTiming>();
        // The signing certificate first: a missing one fails the render now, not after the encode.
        await c2pa.PrepareAsync(cancellationToken).ConfigureAwait(false);
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
            // A Sonic folder that brings upstream's detector crops and masks with it, as upstream does.
            var faceDetector = animator.Info.IsSonic ? animators.SonicFaceDetector : null;
            using var portrait = faceStage.Prepare(request.ImagePath, parameters, cancellationToken, animator.Info.NativeResolution, faceDetector);
            timings.Add(new StageTiming(RenderStages.Face, clock.Elapsed.TotalSeconds));

            var warnings = new List<string>(portrait.Warnings);
            var crop = portrait.Crop;
            var compositor = new PasteBackCompositor(portrait.Source, crop.X, crop.Y, crop.Side, parameters.OutputResolution);
            var frameCount = audio.Features.FrameCount;
            var animation = new AnimationRequest(
                portrait.Portrait,
                audio.Features,
                (float)parameters.DynamicScale,
                (float)parameters.MotionScale,
                parameters.Seed,
                parameters.InferenceSteps,
                audio.Mono16k, // the trimmed speech the audio stage just wrote as audio_16k.wav, still in memory
                SizePolicy: parameters.SizePolicy,
                Warn: warnings.Add)
            {
                UpstreamNumerics = parameters.UpstreamNumerics,
            };

            var fileName = DownloadFileName.Sanitize(
                parameters.FileName ?? Path.GetFileNameWithoutExtension(request.ImagePath));
            // A render outside the durable pipeline has no job id: its own, so each file is told apart.
            var contentId = "cli-" + Guid.NewGuid().ToString("N");
            var settings = pasteBackEncoder.Settings(compositor, frameCount, parameters, fileName, animator.Info, contentId);

            var outputPath = Path.GetFullPath(request.OutputPath);
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            var reportEvery = Math.Max(1, frameCount / 50);
            void OnFrame(int done)
            {
                if (done % reportEvery == 0)
                {
                    progress?.Report(new RenderProgress(RenderStages.Animate, 0.08 + (0.92 * done / frameCount), $"frame {done}/{frameCount}"));
                }
            }

            var face = portrait.Portrait.Face;
            var post = new PostProcessContext(PostProcessPlan.For(parameters, face, portrait.Portrait.Size), audio.Features, portrait.Portrait, contentId);

            // Captions from the script's word timings (or the transcript's, timed against the recording), moved by the
            // silence the audio stage trimmed off the start.
            var words = request.Words ?? JobCaptions.AlignTranscript(parameters, audio);
            var madeCaptions = JobCaptions.Make(
                words, audio.TrimStartSeconds, parameters, settings, work.FullName, Path.GetFileNameWithoutExtension(outputPath));
            settings = settings with { BurnedSubtitlesPath = madeCaptions?.AssPath };
            var encoded = await pasteBackEncoder.EncodeAsync(
                animator.Animate(animation, cancellationToken), compositor, audio.WavPath, outputPath, settings, post, OnFrame, cancellationToken).ConfigureAwait(false);
            // Last, once the file is final: the manifest binds every box before it. An unsigned file is not left behind.
            try
            {
                await c2pa.SignAsync(outputPath, fileName + ".mp4", animator.Info, contentId, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                File.Delete(outputPath);
                throw;
            }

            timings.Add(new StageTiming(RenderStages.Animate, encoded.SourceSeconds));
            timings.Add(new StageTiming(RenderStages.Composite, encoded.CompositeSeconds));
            timings.Add(new StageTiming(RenderStages.Encode, encoded.EncodeSeconds));
            if (encoded.Post is { } postReport)
            {
                timings.Add(new StageTiming(RenderStages.Post, postReport.Seconds));
            }
            progress?.Report(new RenderProgress(RenderStages.Encode, 1.0));

            // The captions were written into the work folder before encoding; moved beside the video only once it exists.
            IReadOnlyList<string>? captions = null;
            if (madeCaptions is { VttPath: { } madeVtt, SrtPath: { } madeSrt })
            {
                var (vtt, srt) = CaptionFiles.BesidePaths(outputPath);
                File.Move(madeVtt, vtt, overwrite: true);
                File.Move(madeSrt, srt, overwrite: true);
                captions = [vtt, srt];
            }

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
                warnings,
                encoded.Post?.LipSync,
                encoded.Post?.Motion,
                crop.ResizedSide,
                portrait.Detector,
                Math.Round(elapsed.Elapsed.TotalSeconds, 3),
                encoded.PosterPath,
                captions,
                Math.Round(audio.TrimStartSeconds, 3));
        }
        finally
        {
            TryDelete(work);
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Audio ready: {Seconds:F2} s, {Frames} frames")]
        public static partial void AudioReady(ILogger logger, double seconds, int frames);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Could not delete work folder {Folder}: {Reason}")]
        public static partial void CleanupFailed(ILogger logger, string folder, string reason);
    }
}
