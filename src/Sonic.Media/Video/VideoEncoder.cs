using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Media.Diagnostics;

namespace Sonic.Media.Video;

/// <summary>
/// Encodes a lazy stream of RGBA frames plus a WAV file into an MP4 with ffmpeg through FFMpegCore: frames go over
/// FFMpegCore's pipe as rawvideo rgba one at a time (memory does not grow with length), the audio is read from the
/// file. The file appears at the output path only when ffmpeg succeeded; on failure or cancellation nothing is there.
/// </summary>
public sealed partial class VideoEncoder(ILogger<VideoEncoder>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<VideoEncoder>.Instance;

    /// <summary>
    /// Writes <paramref name="settings"/>.FrameCount frames from <paramref name="frames"/> (further frames are not
    /// read) with the audio of <paramref name="audioWavPath"/> cut or padded with silence to FrameCount/Fps seconds.
    /// Throws <see cref="MediaToolException"/> when ffmpeg fails, <see cref="OperationCanceledException"/> when
    /// cancelled (ffmpeg is killed), and <see cref="InvalidOperationException"/> when the frames run out early or
    /// have the wrong size; exceptions thrown by the frame source propagate unchanged.
    /// </summary>
    public async Task<VideoEncodeResult> EncodeAsync(
        IEnumerable<RgbaFrame> frames,
        string audioWavPath,
        string outputPath,
        VideoEncodeSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentException.ThrowIfNullOrWhiteSpace(audioWavPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        FfmpegEnvironment.EnsureConfigured();

        var fullOutput = Path.GetFullPath(outputPath);
        var folder = Path.GetDirectoryName(fullOutput)!;
        Directory.CreateDirectory(folder);

        // Beside the target so the final move is a rename on the same file system, hidden and unique per encode.
        var partialPath = Path.Combine(folder, $".{Path.GetFileName(fullOutput)}.{Guid.NewGuid():N}.partial");
        var pipeFrame = new RgbaPipeFrame(settings.Width, settings.Height);
        var videoSource = new RawVideoPipeSource(pipeFrame.Wrap(frames, settings.FrameCount, cancellationToken))
        {
            FrameRate = settings.Fps,
        };
        var stderr = new StderrTail();

        // The audio is input 0 so that a bad audio file fails before ffmpeg connects to the frame pipe: then the
        // failure surfaces as ffmpeg's exit code and stderr rather than as a broken pipe while writing frames.
        var processor = FFMpegArguments
            .FromFileInput(FfmpegPath.ForFfmpegCore(audioWavPath), verifyExists: false)
            .AddPipeInput(videoSource)
            .OutputToFile(FfmpegPath.ForFfmpegCore(partialPath), overwrite: true, options =>
            {
                options.WithCustomArgument("-map 1:v:0 -map 0:a:0");
                AddVideoOptions(options, settings);
                options
                    .WithAudioCodec(settings.AudioCodec == "mp3" ? "libmp3lame" : "aac")
                    .WithAudioBitrate(settings.AudioBitrateKbps)
                    // Pad with silence without end; -t below cuts both streams at exactly FrameCount/Fps.
                    .WithCustomArgument("-af apad")
                    .WithCustomArgument("-t " + Seconds(settings.DurationSeconds));
                AddContainerOptions(options, settings);
            })
            .WithLogLevel(FFMpegLogLevel.Warning)
            .NotifyOnError(stderr.Append)
            .CancellableThrough(cancellationToken);

        VideoLog.EncodeStarted(_logger, settings.FrameCount, settings.Width, settings.Height, settings.Fps, settings.AudioCodec, fullOutput);
        var stopwatch = Stopwatch.StartNew();
        var span = SonicTelemetry.StartFfmpeg("encode");
        try
        {
            await processor.ProcessAsynchronously(throwOnError: true).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (pipeFrame.FramesWritten != settings.FrameCount)
            {
                throw new InvalidOperationException(
                    $"The frame source ended after {pipeFrame.FramesWritten} of {settings.FrameCount} frames.");
            }

            WriteXmp(partialPath, settings);
            File.Move(partialPath, fullOutput, overwrite: true);
        }
        catch (Exception ex)
        {
            span.End(pipeFrame.FramesWritten, ex.Message);
            TryDelete(partialPath);
            if (cancellationToken.IsCancellationRequested)
            {
                VideoLog.EncodeCancelled(_logger, fullOutput);
                throw new OperationCanceledException("The encode was cancelled.", ex, cancellationToken);
            }

            if (ex is FFMpegException and not FFMpegStreamFormatException or IOException)
            {
                var tail = stderr.ToString();
                if (tail.Length == 0 && ex is FFMpegException ffmpegException)
                {
                    tail = Tail(ffmpegException.FFMpegErrorOutput);
                }

                var exitCode = ExitCode(ex);
                VideoLog.EncodeFailed(_logger, exitCode, tail);
                throw new MediaToolException(
                    $"ffmpeg failed to encode {Path.GetFileName(fullOutput)} (exit code {exitCode}).", tail, exitCode, ex);
            }

            throw;
        }

        stopwatch.Stop();
        span.End(pipeFrame.FramesWritten);
        var bytes = new FileInfo(fullOutput).Length;
        VideoLog.EncodeFinished(_logger, fullOutput, bytes, stopwatch.ElapsedMilliseconds);
        return new VideoEncodeResult(fullOutput, bytes, settings.FrameCount, stopwatch.Elapsed);
    }

    /// <summary>
    /// Replaces the audio of an encoded MP4 with <paramref name="audioWavPath"/> delayed by
    /// <paramref name="audioDelaySeconds"/> (negative: advanced, its start cut), padded with silence and cut to the
    /// video's FrameCount/Fps seconds, so both streams keep the same length. The video stream is copied, not
    /// re-encoded; the container options and metadata are those of <paramref name="settings"/>. Used by lip-sync
    /// calibration, whose offset is known only after all frames were encoded.
    /// </summary>
    public async Task RemuxWithShiftedAudioAsync(
        string videoPath, string audioWavPath, double audioDelaySeconds, string outputPath, VideoEncodeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(audioWavPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        FfmpegEnvironment.EnsureConfigured();
        RequireFile(videoPath);
        RequireFile(audioWavPath);
        var milliseconds = (int)Math.Round(audioDelaySeconds * 1000);
        var shift = milliseconds >= 0
            ? FormattableString.Invariant($"adelay={milliseconds}:all=1")
            : FormattableString.Invariant($"atrim=start={-milliseconds / 1000.0},asetpts=PTS-STARTPTS");
        var stderr = new StderrTail();
        var processor = FFMpegArguments
            .FromFileInput(FfmpegPath.ForFfmpegCore(videoPath), verifyExists: false)
            .AddFileInput(FfmpegPath.ForFfmpegCore(audioWavPath), verifyExists: false)
            .OutputToFile(FfmpegPath.ForFfmpegCore(outputPath), overwrite: true, options =>
            {
                options.WithCustomArgument("-map 0:v:0 -map 1:a:0 -c:v copy");
                options
                    .WithAudioCodec(settings.AudioCodec == "mp3" ? "libmp3lame" : "aac")
                    .WithAudioBitrate(settings.AudioBitrateKbps)
                    .WithCustomArgument($"-af {shift},apad")
                    .WithCustomArgument("-t " + Seconds(settings.DurationSeconds));
                AddContainerOptions(options, settings);
            })
            .WithLogLevel(FFMpegLogLevel.Warning)
            .NotifyOnError(stderr.Append)
            .CancellableThrough(cancellationToken);
        await RunAsync(processor, stderr, $"ffmpeg failed to shift the audio of {Path.GetFileName(videoPath)}.", cancellationToken).ConfigureAwait(false);
        WriteXmp(outputPath, settings); // ffmpeg does not carry the XMP box over
    }

    /// <summary>After the last ffmpeg run on a file: its XMP packet, when the settings have one.</summary>
    private static void WriteXmp(string path, VideoEncodeSettings settings)
    {
        if (settings.Xmp is { } packet)
        {
            Mp4Xmp.Write(path, packet);
        }
    }

    /// <summary>
    /// Writes frame <paramref name="frameIndex"/> of an encoded video as a JPEG (the poster): ffmpeg seeks to just
    /// before the frame's time and keeps the first frame at or after it, so the frame is exact, not the nearest keyframe.
    /// </summary>
    public async Task ExtractJpegAsync(string videoPath, int frameIndex, int fps, string jpegPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(videoPath);
        ArgumentOutOfRangeException.ThrowIfNegative(frameIndex);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        FfmpegEnvironment.EnsureConfigured();
        RequireFile(videoPath);
        var seconds = Math.Max(0, (frameIndex - 0.25) / fps);
        var stderr = new StderrTail();
        var processor = FFMpegArguments
            .FromFileInput(FfmpegPath.ForFfmpegCore(videoPath), verifyExists: false, options => options.Seek(TimeSpan.FromSeconds(seconds)))
            .OutputToFile(FfmpegPath.ForFfmpegCore(jpegPath), overwrite: true, options => options
                .WithFrameOutputCount(1)
                .WithCustomArgument("-an -q:v 3 -hide_banner -nostats")
                .ForceFormat("image2"))
            .WithLogLevel(FFMpegLogLevel.Warning)
            .NotifyOnError(stderr.Append)
            .CancellableThrough(cancellationToken);
        await RunAsync(processor, stderr, $"ffmpeg failed to take frame {frameIndex} of {Path.GetFileName(videoPath)}.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The encoding floor for a benchmark: how long ffmpeg alone takes to encode FrameCount frames of the same size
    /// with the same video settings, from its own generator (lavfi testsrc2, converted from rgba like our frames),
    /// without audio, to a temporary file that is deleted afterwards. Compare it with <see cref="VideoEncodeResult.Elapsed"/>.
    /// </summary>
    public async Task<TimeSpan> EncodeFloorAsync(VideoEncodeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        FfmpegEnvironment.EnsureConfigured();

        var scratch = Path.Combine(Path.GetTempPath(), $"sonic-encode-floor-{Guid.NewGuid():N}.mp4");
        var stderr = new StderrTail();
        var source = FormattableString.Invariant($"testsrc2=size={settings.Width}x{settings.Height}:rate={settings.Fps},format=rgba");
        var processor = FFMpegArguments
            .FromFileInput(source, verifyExists: false, options => options.ForceFormat("lavfi"))
            .OutputToFile(FfmpegPath.ForFfmpegCore(scratch), overwrite: true, options =>
            {
                options.WithFrameOutputCount(settings.FrameCount).WithCustomArgument("-an");
                AddVideoOptions(options, settings);
                AddContainerOptions(options, settings);
            })
            .WithLogLevel(FFMpegLogLevel.Warning)
            .NotifyOnError(stderr.Append)
            .CancellableThrough(cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await RunAsync(processor, stderr, "ffmpeg failed to encode the test pattern.", cancellationToken).ConfigureAwait(false);
            return stopwatch.Elapsed;
        }
        finally
        {
            TryDelete(scratch);
        }
    }

    /// <summary>Runs one ffmpeg command; its failure (not a cancellation) becomes a <see cref="MediaToolException"/> with the stderr tail.</summary>
    private static async Task RunAsync(FFMpegArgumentProcessor processor, StderrTail stderr, string failure, CancellationToken cancellationToken)
    {
        try
        {
            await processor.ProcessAsynchronously(throwOnError: true).ConfigureAwait(false);
        }
        catch (FFMpegException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaToolException(failure, stderr.ToString(), ExitCode(ex), ex);
        }
    }

    private static void AddVideoOptions(FFMpegArgumentOptions options, VideoEncodeSettings settings) => options
        .WithVideoCodec("libx264")
        .WithCustomArgument("-preset " + settings.Preset)
        .WithConstantRateFactor(settings.Crf)
        // Convert with the BT.709 matrix and say so in the stream, so players do not guess BT.601 for HD sizes.
        .WithCustomArgument("-vf " + ArgumentQuoting.Quote(VideoFilter(settings)))
        .WithCustomArgument("-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv")
        // High profile and the avc1 tag: what QuickTime/Safari and browsers expect of an H.264 MP4.
        .WithCustomArgument("-profile:v high -tag:v avc1")
        .WithCustomArgument("-r " + settings.Fps.ToString(CultureInfo.InvariantCulture));

    /// <summary>The colour conversion, after libass has drawn the burned-in captions when there are any.</summary>
    private static string VideoFilter(VideoEncodeSettings settings)
    {
        const string Convert = "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p";
        if (settings.BurnedSubtitlesPath is not { } subtitles)
        {
            return Convert;
        }

        // Filter-graph quoting: the option value's backslashes and colons escaped, the whole inside '…'. The callers
        // name the file themselves (captions.ass in a scratch folder); a quote in the path could not be escaped twice.
        var path = Path.GetFullPath(subtitles);
        if (path.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The subtitles path may not contain a quote: {path}", nameof(settings));
        }

        var filter = "ass=filename='" + Escape(path) + "'";
        if (FfmpegEnvironment.FontsDirectory is { } fonts && !fonts.Contains('\'', StringComparison.Ordinal))
        {
            // The host's own fonts (the Functions package ships some; a bare Linux image may have none).
            filter += ":fontsdir='" + Escape(fonts) + "'";
        }

        return filter + "," + Convert;

        static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
    }

    private static void AddContainerOptions(FFMpegArgumentOptions options, VideoEncodeSettings settings)
    {
        // faststart moves the moov atom before mdat so a browser can play while downloading; use_metadata_tags
        // keeps keys such as ai_generated that the mp4 muxer would otherwise drop (it keeps only well-known ones).
        options.WithCustomArgument("-movflags +faststart+use_metadata_tags");
        foreach (var (key, value) in settings.EffectiveMetadata)
        {
            options.WithCustomArgument($"-metadata {key}={ArgumentQuoting.Quote(value)}");
        }

        options.WithCustomArgument("-hide_banner -nostats").ForceFormat("mp4");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Tail(string text) => text.Length <= StderrTail.Capacity ? text : text[^StderrTail.Capacity..];

    /// <summary>FFMpegCore reports the exit code only inside its message ("non-zero exit-code (N - ...").</summary>
    private static int ExitCode(Exception ex)
    {
        var match = ExitCodeInMessage().Match(ex.Message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"exit-code \((-?\d+)")]
    private static partial Regex ExitCodeInMessage();

    /// <summary>What FFMpegCore's verifyExists did, on the real path rather than the escaped one it is given.</summary>
    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{Path.GetFileName(path)} does not exist.", path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden .partial file is harmless, the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
