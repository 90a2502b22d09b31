using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Sonic.Inference.Animation;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine.Runtime;
using Sonic.Media.Errors;
using Sonic.Media.Video;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// The Sonic engine behind <see cref="IAnimator"/>: opens the networks of a verified model folder once, and per job
/// encodes the portrait and the 16 kHz speech, samples the latents of all N = L/2 frames (12.5 fps), then decodes and
/// interpolates them to 2N − 1 frames at 25 fps that stream out one at a time. The stream is held to the request's
/// frame count (one per row of <see cref="AnimationRequest.Audio"/>): the one or two frames that 2N − 1 falls short
/// repeat the last frame, so the video lasts as long as the speech (upstream cuts the audio with -shortest instead).
/// </summary>
public sealed partial class SonicAnimator : IAnimator
{
    public const string AnimatorName = "sonic";

    // Shares of a job's work reported through AnimationRequest.WorkDone: conditioning, then the sampler's steps (the
    // bulk: steps × ⌈N/25⌉ UNet calls), then decoding and interpolating the frames.
    private const double ConditionedShare = 0.05;
    private const double SampledShare = 0.9;

    private readonly SonicNetworks networks;
    private readonly SonicConstants constants;
    private readonly SonicResolutionSupport resolutions;
    private readonly ILogger<SonicAnimator> logger;
    private readonly SonicSamplerPlacement placement;
    private readonly SonicMemoryGuard? memoryGuard;
    private SonicDeviceSampler? deviceSampler;
    private SonicDeviceSampler? retiredSampler;

    public SonicAnimator(
        SonicModelReport models,
        OrtSessionFactory sessions,
        ILogger<SonicAnimator> logger,
        SonicSamplerPlacement placement = SonicSamplerPlacement.Auto,
        IGpuMemoryProbe? memoryProbe = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(logger);
        if (!models.IsValid)
        {
            throw new SonicJobException(ErrorCodes.ModelInvalid, models.Summary());
        }

        this.logger = logger;
        constants = models.Manifest.Constants;
        resolutions = models.Resolutions;
        networks = SonicNetworks.Open(models, sessions);
        this.placement = placement;
        try
        {
            deviceSampler = OpenDeviceSampler(sessions);
        }
        catch
        {
            networks.Dispose();
            throw;
        }

        // On a GPU, a job whose crop cannot fit is refused before sampling (gpu_memory_insufficient), not midway.
        if (networks.Unet.ExecutionProvider == "CUDA")
        {
            memoryGuard = new SonicMemoryGuard(
                memoryProbe ?? new NvidiaSmiMemoryProbe(), models.Manifest, resolutions, UnetWeightBytes(models.Directory),
                SonicMemoryGuard.PhysicalDevice(0, Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES")));
        }

        var interpolation = networks.Rife is null ? "blended middle frames (no rife.onnx)" : "RIFE middle frames";
        Info = new AnimatorInfo(
            AnimatorName,
            $"Sonic (Tencent/ZJU, CVPR 2025) on ONNX Runtime, {interpolation}",
            networks.Unet.ExecutionProvider,
            IsSonic: true,
            resolutions.Native,
            Fingerprint(models.Directory));
        Log.Opened(logger, models.Directory, networks.Unet.ExecutionProvider, networks.Rife is not null, resolutions.Describe());
    }

    /// <summary>The crop sides this model renders, and its native one.</summary>
    public SonicResolutionSupport Resolutions => resolutions;

    /// <summary>Where the latents of the next job will live: "host", or the provider of the device they stay on.</summary>
    public string SamplerMemory => deviceSampler is null ? "host" : deviceSampler.ExecutionProvider;

    public AnimatorInfo Info { get; }

    /// <summary>
    /// The model files as they are: names, sizes and write times of the folder's files, hashed. Another export (or
    /// copy) of the weights gets another fingerprint, so kept conditioning never crosses models (at worst it is made
    /// again).
    /// </summary>
    private static string Fingerprint(string directory)
    {
        var files = new DirectoryInfo(directory).EnumerateFiles()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => FormattableString.Invariant($"{f.Name}|{f.Length}|{f.LastWriteTimeUtc.Ticks}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', files))))[..24];
    }

    /// <summary>Verifies <paramref name="modelDirectory"/> (model_invalid when it breaks the contract) and opens it.</summary>
    public static SonicAnimator Open(string modelDirectory, OrtSessionFactory sessions, ILogger<SonicAnimator> logger, SonicSamplerPlacement placement = SonicSamplerPlacement.Auto)
        => new(SonicModelVerifier.Verify(modelDirectory), sessions, logger, placement);

    public IEnumerable<RgbaFrame> Animate(AnimationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        return Stream(request, cancellationToken);
    }

    public void Dispose()
    {
        deviceSampler?.Dispose();
        retiredSampler?.Dispose();
        networks.Dispose();
    }

    private SonicDeviceSampler? OpenDeviceSampler(OrtSessionFactory sessions)
    {
        var wanted = placement == SonicSamplerPlacement.Device
            || (placement == SonicSamplerPlacement.Auto && networks.Unet.ExecutionProvider != "CPU");
        if (!wanted)
        {
            return null;
        }

        SonicDeviceSampler? sampler = null;
        try
        {
            sampler = SonicDeviceSampler.Open(networks, constants, sessions);

            // Auto trusts the device path only after it matched the host path once on this machine.
            if (placement == SonicSamplerPlacement.Auto && !sampler.AgreesWithHost(resolutions.Smallest, out var detail))
            {
                Log.DeviceSamplerFailed(logger, "its check against the host sampler failed: " + detail);
                sampler.Dispose();
                return null;
            }

            Log.DeviceSampler(logger, sampler.ExecutionProvider);
            return sampler;
        }
        catch (Exception ex) when (placement == SonicSamplerPlacement.Auto && ex is InferenceException or OnnxRuntimeException)
        {
            Log.DeviceSamplerFailed(logger, ex.Message);
            sampler?.Dispose();
            return null;
        }
    }

    private void Validate(AnimationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.Portrait.Size;
        if (!resolutions.Supports(size) && request.SizePolicy == CropSizePolicy.Strict)
        {
            throw new SonicJobException(
                ErrorCodes.ResolutionUnsupported,
                $"This Sonic model renders {resolutions.Describe()} crops, not {size} px; set min_resolution to {resolutions.Nearest(size)} or leave strict_resolution off to render at the nearest supported size.");
        }

        if (new SonicAudioTimeline(request.Speech16k.Length).FrameCount < 1)
        {
            throw new SonicJobException(ErrorCodes.AudioEmpty, "Sonic needs at least 80 ms of speech as 16 kHz samples.");
        }

    }

    private IEnumerable<RgbaFrame> Stream(AnimationRequest request, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using var stop = cancellationToken.Register(() => runOptions.Terminate = true);
        var clock = Stopwatch.StartNew();

        // A crop the model cannot render runs at the nearest size it can, and its frames are resized back: the
        // compositor and the rest of the pipeline keep the crop they planned (never a shape error inside ONNX Runtime).
        var size = request.Portrait.Size;
        var side = RenderSide(size, request.SizePolicy);
        var portrait = request.Portrait;
        if (side != size)
        {
            Log.Resized(logger, size, side, resolutions.Describe());
            if (request.SizePolicy == CropSizePolicy.Nearest)
            {
                request.Warn?.Invoke($"This Sonic model renders {resolutions.Describe()} crops, so the {size} px crop was rendered at {side} px and resized back.");
            }

            portrait = PortraitCropResize.To(portrait, side);
        }

        // On a GPU the job reserves the memory its side needs before any network runs, or is refused; the reservation
        // ends with sampling (decoding needs far less).
        float[] latents;
        double encodeSeconds;
        var reservation = memoryGuard?.Reserve(side);
        using var reference = new SonicReferenceEncoder(networks, request.Trace).Encode(portrait, request.UpstreamNumerics, runOptions, cancellationToken, request.Conditioning);
        if (!ReferenceEquals(reference.ClipEmbeds, request.Conditioning?.ClipEmbeds))
        {
            request.ConditioningMade?.Invoke(new PortraitConditioning(side, reference.ClipEmbeds, reference.ImageLatent));
        }

        try
        {
            latents = SampleLatents(request, reference, runOptions, clock, out encodeSeconds, cancellationToken);
        }
        finally
        {
            reservation?.Dispose();
        }

        var sampleSeconds = clock.Elapsed.TotalSeconds - encodeSeconds;

        var target = request.Audio.FrameCount;
        var frame = new RgbaFrame(size, size);
        var rendered = side == size ? frame.Pixels : new byte[side * side * 4];
        var index = 0;
        foreach (var planar in new SonicFrameDecoder(networks, request.Trace).Decode(latents, reference, networks.DecodeFrames ?? constants.DecodeChunk, runOptions, cancellationToken))
        {
            if (index == target)
            {
                break;
            }

            ToRgba(planar, rendered, truncate: request.UpstreamNumerics);
            if (side != size)
            {
                PortraitCropResize.Rgba(rendered, side, size).CopyTo(frame.Pixels, 0);
            }

            frame.Index = index++;
            Delivering();
            yield return frame;
        }

        // 2N − 1 is one or two short of L frames: hold the last frame so the video covers all of the speech.
        while (index < target)
        {
            frame.Index = index++;
            Delivering();
            yield return frame;
        }

        // Reported before each frame leaves, and the summary logged before the last: a consumer that has all it asked
        // for need not ask for more.
        void Delivering()
        {
            request.WorkDone?.Report(SampledShare + ((1 - SampledShare) * index / target));
            if (index == target)
            {
                Log.Finished(logger, index, encodeSeconds, sampleSeconds, clock.Elapsed.TotalSeconds - encodeSeconds - sampleSeconds);
            }
        }
    }

    /// <summary>
    /// Audio conditioning and sampling. The conditioning (N × 32 × 1024 tokens) is released before decoding starts,
    /// so while frames stream only the latents (N × 4 × h × w) stay in memory.
    /// </summary>
    private float[] SampleLatents(AnimationRequest request, SonicReference reference, RunOptions runOptions, Stopwatch clock, out double encodeSeconds, CancellationToken cancellationToken)
    {
        using var conditioning = new SonicAudioEncoder(networks, request.Trace).Encode(request.Speech16k.Span, reference.ClipEmbeds, runOptions, cancellationToken);
        encodeSeconds = clock.Elapsed.TotalSeconds;
        Log.Conditioned(logger, conditioning.FrameCount, reference.Size, encodeSeconds);
        request.WorkDone?.Report(ConditionedShare);
        // Upstream scales both motion buckets by dynamic_scale; this product scales the first by motion_scale.
        var translationScale = request.UpstreamNumerics ? request.DynamicScale : request.MotionScale;
        var settings = new SonicSamplerSettings(request.InferenceSteps, request.Seed, translationScale, request.DynamicScale, constants, request.Noise, request.Trace);
        var highest = 0;
        void StepDone(int step)
        {
            Log.Step(logger, step, settings.Steps, clock.Elapsed.TotalSeconds);

            // A host re-run after a failed device run repeats steps; progress never goes back.
            if (step > highest)
            {
                highest = step;
                request.WorkDone?.Report(ConditionedShare + ((SampledShare - ConditionedShare) * step / settings.Steps));
            }
        }

        var onDevice = deviceSampler;
        if (onDevice is not null)
        {
            try
            {
                return onDevice.Sample(reference, conditioning, settings, runOptions, StepDone, cancellationToken);
            }
            catch (Exception ex) when (placement == SonicSamplerPlacement.Auto && ex is InferenceException or OnnxRuntimeException && !cancellationToken.IsCancellationRequested)
            {
                // The device path is only ever exercised on CPU in CI: if it fails on a real GPU, keep the job alive
                // on the host path (same seed, same result) and stop using it. Disposed with the animator: another
                // job may still be running on it.
                Log.DeviceSamplerFailed(logger, ex.Message);
                if (Interlocked.CompareExchange(ref deviceSampler, null, onDevice) == onDevice)
                {
                    retiredSampler = onDevice;
                }
            }
        }

        return new SonicSampler(networks).Sample(reference, conditioning, settings, runOptions, StepDone, cancellationToken);
    }

    /// <summary>
    /// The side a crop is rendered at: the model's native side when the user chose none (a host that cropped at its own
    /// default must not make Sonic render 1024 px), else the crop's own side or the nearest one the model renders.
    /// </summary>
    private int RenderSide(int size, CropSizePolicy policy)
        => policy == CropSizePolicy.Native ? resolutions.Native : resolutions.Supports(size) ? size : resolutions.Nearest(size);

    /// <summary>The UNet's bytes (graph and external data): the weights the export's measured figure includes.</summary>
    private static long UnetWeightBytes(string directory)
        => new DirectoryInfo(directory).EnumerateFiles(SonicModelContract.Unet + "*").Sum(f => f.Length);

    /// <summary>Planar [3,S,S] in [0,1] → RGBA bytes, opaque: rounded, or truncated as upstream's uint8 cast does.</summary>
    public static void ToRgba(ReadOnlySpan<float> planar, Span<byte> rgba, bool truncate = false)
    {
        var plane = planar.Length / 3;
        var offset = truncate ? 0f : 0.5f;
        for (var p = 0; p < plane; p++)
        {
            rgba[p * 4] = (byte)((planar[p] * 255f) + offset);
            rgba[(p * 4) + 1] = (byte)((planar[plane + p] * 255f) + offset);
            rgba[(p * 4) + 2] = (byte)((planar[(2 * plane) + p] * 255f) + offset);
            rgba[(p * 4) + 3] = 255;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Sonic models from {Directory} run on {Provider} (RIFE: {HasRife}; crops {Resolutions})")]
        public static partial void Opened(ILogger logger, string directory, string provider, bool hasRife, string resolutions);

        [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "The {Size} px crop runs at {Side} px, the nearest size this model renders ({Resolutions})")]
        public static partial void Resized(ILogger logger, int size, int side, string resolutions);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Sonic conditioning: {Frames} frames at {Size} px in {Seconds:F2} s")]
        public static partial void Conditioned(ILogger logger, int frames, int size, double seconds);

        [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Sonic step {Step}/{Steps} done at {Seconds:F2} s")]
        public static partial void Step(ILogger logger, int step, int steps, double seconds);

        [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Sonic latents stay on the {Provider} device between UNet calls")]
        public static partial void DeviceSampler(ILogger logger, string provider);

        [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Device-resident Sonic sampling failed, sampling on the host instead: {Reason}")]
        public static partial void DeviceSamplerFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Sonic made {Frames} frames: conditioning {Encode:F2} s, sampling {Sample:F2} s, decoding {Decode:F2} s")]
        public static partial void Finished(ILogger logger, int frames, double encode, double sample, double decode);
    }
}
