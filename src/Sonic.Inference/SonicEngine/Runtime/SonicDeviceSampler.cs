using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// The same denoising loop as <see cref="SonicSampler"/>, with the latents kept where the UNet runs. Everything that
/// is N frames long (latents, the step's window outputs, the audio tokens) and every UNet input and output is
/// allocated once per job on the UNet's device; the window gather, the guidance, the Euler step and the coverage
/// average run there as the small graphs of <see cref="SonicSamplerGraphs"/>. Per UNet call only a few hundred bytes
/// cross the bus (frame indices, c_in, timestep, added_time_ids, Euler constants); the latents come back once, after
/// the last step. On the CPU provider the same code runs with host memory as the "device", which is how CI checks it.
/// </summary>
internal sealed class SonicDeviceSampler : IDisposable
{
    private const int Branches = 3;

    private readonly SonicNetworks networks;
    private readonly SonicConstants constants;
    private readonly SonicNetwork windowInputs;
    private readonly SonicNetwork windowStep;
    private readonly SonicNetwork merge;
    private readonly Dictionary<TensorElementType, SonicNetwork> copies = [];
    private readonly OrtMemoryInfo? deviceMemory;
    private readonly OrtAllocator allocator;

    private SonicDeviceSampler(SonicNetworks networks, SonicConstants constants, OrtSessionFactory sessions)
    {
        this.networks = networks;
        this.constants = constants;
        var unet = networks.Unet;
        var opened = new List<SonicNetwork>();
        try
        {
            windowInputs = Open(sessions, "sampler_window_inputs", SonicSamplerGraphs.WindowInputs(constants.Window, unet.InputType("sample"), unet.InputType("audio_tokens")), opened);
            windowStep = Open(sessions, "sampler_window_step", SonicSamplerGraphs.WindowStep(constants.Window, unet.OutputType("v_pred"), constants.ImageGuidance, constants.AudioGuidance), opened);
            merge = Open(sessions, "sampler_merge", SonicSamplerGraphs.Merge(), opened);
            foreach (var type in new[] { TensorElementType.Float, unet.InputType("audio_tokens"), unet.InputType("clip_embeds"), unet.InputType("face_mask") }.Distinct())
            {
                copies[type] = Open(sessions, $"sampler_copy_{type}", SonicSamplerGraphs.Copy(type), opened);
            }

            ExecutionProvider = windowStep.ExecutionProvider;
            if (ExecutionProvider == "CUDA")
            {
                // Device memory of the CUDA provider (device 0, the one the session factory appends).
                deviceMemory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);
                allocator = new OrtAllocator(windowStep.Session, deviceMemory);
            }
            else
            {
                allocator = OrtAllocator.DefaultInstance;
            }
        }
        catch
        {
            foreach (var network in opened)
            {
                network.Dispose();
            }

            deviceMemory?.Dispose();
            throw;
        }
    }

    /// <summary>Where the latents live: the execution provider of the sampler's own graphs (CUDA beside a CUDA UNet).</summary>
    public string ExecutionProvider { get; }

    public static SonicDeviceSampler Open(SonicNetworks networks, SonicConstants constants, OrtSessionFactory sessions)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(constants);
        ArgumentNullException.ThrowIfNull(sessions);
        return new SonicDeviceSampler(networks, constants, sessions);
    }

    /// <summary>Returns the clean latents [N,4,h,w] (still ×0.18215), calling <paramref name="stepDone"/> after each step.</summary>
    public float[] Sample(
        SonicReference reference,
        SonicConditioning conditioning,
        SonicSamplerSettings settings,
        RunOptions runOptions,
        Action<int>? stepDone,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(conditioning);
        ArgumentNullException.ThrowIfNull(settings);
        var frames = conditioning.FrameCount;
        var side = reference.LatentSide;
        var window = constants.Window;
        var schedule = new ShiftedWindowSchedule(frames, window, constants.Shift);
        var positions = (long)schedule.WindowsPerStep * window;
        var sigmas = KarrasSigmaSchedule.Create(settings.Steps);
        var unet = networks.Unet;
        long[] latentShape = [frames, SonicReference.LatentChannels, side, side];
        long[] windowsShape = [positions, SonicReference.LatentChannels, side, side];

        // Resident for the whole job.
        var initial = SonicSampler.InitialLatents(reference, frames, sigmas[0], settings.Seed, settings.Noise);
        using var latentsA = Upload(initial, latentShape);
        using var latentsB = Allocate(TensorElementType.Float, latentShape);
        using var windowsA = Allocate(TensorElementType.Float, windowsShape);
        using var windowsB = Allocate(TensorElementType.Float, windowsShape);
        using var imageLatents = Upload(ImagePerBranch(reference), [Branches, 1, SonicReference.LatentChannels, side, side]);
        using var clipHost = SonicSampler.ClipPerBranch(reference, unet.InputType("clip_embeds"));
        using var clip = Upload(clipHost);
        using var frameTokens = Upload(conditioning.Tokens);
        using var unconditional = Upload(conditioning.Unconditional);
        using var faceMask = Upload(reference.FaceMask);
        using var sample = Allocate(unet.InputType("sample"), Branches, window, 8, side, side);
        using var audioTokens = Allocate(unet.InputType("audio_tokens"), Branches, window, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        using var velocity = Allocate(unet.OutputType("v_pred"), Branches, window, SonicReference.LatentChannels, side, side);

        // Host scalars and indices, rewritten per window or per step (bound again before each run).
        var frameIndex = new long[window];
        var slots = new long[window];
        var inputScale = new float[1];
        var timestep = new float[1];
        var timeIds = new float[Branches * 3];
        var latentScale = new float[1];
        var velocityScale = new float[1];
        var cover = (int)((positions + frames - 1) / frames);
        var mergePositions = new long[frames * cover];
        var mergeWeights = new float[frames * cover];
        using var frameIndexValue = OrtValue.CreateTensorValueFromMemory(frameIndex, [window]);
        using var slotsValue = OrtValue.CreateTensorValueFromMemory(slots, [window, 1]);
        using var inputScaleValue = OrtValue.CreateTensorValueFromMemory(inputScale, [1]);
        using var timestepValue = OrtValue.CreateTensorValueFromMemory(timestep, [1]);
        using var timeIdsValue = OrtValue.CreateTensorValueFromMemory(timeIds, [Branches, 3]);
        using var latentScaleValue = OrtValue.CreateTensorValueFromMemory(latentScale, [1]);
        using var velocityScaleValue = OrtValue.CreateTensorValueFromMemory(velocityScale, [1]);
        using var mergePositionsValue = OrtValue.CreateTensorValueFromMemory(mergePositions, [frames, cover]);
        using var mergeWeightsValue = OrtValue.CreateTensorValueFromMemory(mergeWeights, [frames, cover, 1, 1, 1]);

        using var inputsBinding = new SonicBinding(windowInputs.Session);
        inputsBinding.BindHost("frame_index", frameIndexValue);
        inputsBinding.BindHost("input_scale", inputScaleValue);
        inputsBinding.BindResident("image_latents", imageLatents);
        inputsBinding.BindResident("frame_tokens", frameTokens);
        inputsBinding.BindResident("unconditional_tokens", unconditional);
        inputsBinding.BindOutput("sample", sample);
        inputsBinding.BindOutput("audio_tokens", audioTokens);

        using var unetBinding = new SonicBinding(unet.Session);
        unetBinding.BindResident("sample", sample);
        unetBinding.BindHost("timestep", timestepValue);
        unetBinding.BindResident("clip_embeds", clip);
        unetBinding.BindResident("audio_tokens", audioTokens);
        unetBinding.BindHost("added_time_ids", timeIdsValue);
        unetBinding.BindResident("face_mask", faceMask);
        unetBinding.BindOutput("v_pred", velocity);

        using var stepBinding = new SonicBinding(windowStep.Session);
        stepBinding.BindResident("v_pred", velocity);
        stepBinding.BindHost("frame_index", frameIndexValue);
        stepBinding.BindHost("latent_scale", latentScaleValue);
        stepBinding.BindHost("velocity_scale", velocityScaleValue);
        stepBinding.BindHost("slots", slotsValue);

        using var mergeBinding = new SonicBinding(merge.Session);
        mergeBinding.BindHost("positions", mergePositionsValue);
        mergeBinding.BindHost("weights", mergeWeightsValue);

        var (current, next) = (latentsA, latentsB);
        var frameIndices = new int[window];
        for (var step = 0; step < settings.Steps; step++)
        {
            var sigma = sigmas[step];
            inputScale[0] = (float)EulerVPredictionStep.InputScale(sigma);
            timestep[0] = (float)EulerVPredictionStep.NoiseConditioning(sigma);
            (latentScale[0], velocityScale[0]) = EulerVPredictionStep.Coefficients(sigma, sigmas[step + 1]);
            inputsBinding.BindResident("latents", current);
            stepBinding.BindResident("latents", current);

            // Each window writes its own slots; the buffers alternate so no run reads what it writes.
            var (filled, free) = (windowsA, windowsB);
            for (var w = 0; w < schedule.WindowsPerStep; w++)
            {
                schedule.FillWindow(step, w, frameIndices);
                for (var j = 0; j < window; j++)
                {
                    frameIndex[j] = frameIndices[j];
                    slots[j] = ((long)w * window) + j;
                }

                SonicSampler.WindowTimeIds(conditioning.Buckets, frameIndices, settings, timeIds.AsSpan(0, 3));
                timeIds.AsSpan(0, 3).CopyTo(timeIds.AsSpan(3, 3));
                timeIds.AsSpan(0, 3).CopyTo(timeIds.AsSpan(6, 3));

                windowInputs.Run(inputsBinding, runOptions, cancellationToken);
                unet.Run(unetBinding, runOptions, cancellationToken);
                stepBinding.BindResident("windows", filled);
                stepBinding.BindOutput("windows_next", free);
                windowStep.Run(stepBinding, runOptions, cancellationToken);
                (filled, free) = (free, filled);
            }

            FillMerge(schedule, step, cover, mergePositions, mergeWeights);
            mergeBinding.BindResident("window_latents", filled);
            mergeBinding.BindOutput("latents", next);
            merge.Run(mergeBinding, runOptions, cancellationToken);
            (current, next) = (next, current);
            stepDone?.Invoke(step + 1);
        }

        var latents = new float[frames * reference.LatentValues];
        Download(current, latents, latentShape);
        return latents;
    }

    /// <summary>
    /// One denoising step (σmax → 0, so the result is the guided x0 prediction, mostly the UNet's own output) of one
    /// Sonic frame at <paramref name="size"/> pixels with made-up but distinct conditioning on each branch, sampled on
    /// the device and on the host with the same seed. They must agree within 1 % of the largest latent: a check,
    /// before the first job, of the path CI can only run on the CPU provider. Costs two UNet calls.
    /// </summary>
    public bool AgreesWithHost(int size, out string detail)
    {
        var unet = networks.Unet;
        var side = size / SonicReference.Downscale;
        var tokenType = unet.InputType("audio_tokens");
        var clip = Pattern(SonicConditioning.TokenWidth, 0.1f, 1.0);
        var latent = Pattern(SonicReference.LatentChannels * side * side, 0.5f, 0.37);

        // The reference owns the mask and the conditioning owns the tokens: disposing those disposes them.
        var mask = new HostTensor(unet.InputType("face_mask"), 1, 1, size, size);
        mask.Write(0, Enumerable.Repeat(1f, size * size).ToArray());
        using var reference = new SonicReference(size, clip, latent, mask);
        var tokens = new HostTensor(tokenType, 1, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        tokens.Write(0, Pattern(SonicConditioning.TokenValues, 0.2f, 0.01));
        var unconditional = new HostTensor(tokenType, 1, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        using var conditioning = new SonicConditioning(1, tokens, unconditional, [20f, 25f]);
        var settings = new SonicSamplerSettings(1, 1, 1f, 1f, constants);
        using var runOptions = new RunOptions();

        var onHost = new SonicSampler(networks).Sample(reference, conditioning, settings, runOptions, null, CancellationToken.None);
        var onDevice = Sample(reference, conditioning, settings, runOptions, null, CancellationToken.None);

        var scale = 0.0;
        var worst = 0.0;
        for (var i = 0; i < onHost.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(onHost[i]));
            worst = Math.Max(worst, float.IsFinite(onDevice[i]) ? Math.Abs(onHost[i] - onDevice[i]) : double.PositiveInfinity);
        }

        detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"largest difference {worst:G3} against latents up to {scale:G3}");
        return worst <= 0.01 * Math.Max(scale, 1e-6);
    }

    public void Dispose()
    {
        if (deviceMemory is not null)
        {
            allocator.Dispose();
            deviceMemory.Dispose();
        }

        windowInputs.Dispose();
        windowStep.Dispose();
        merge.Dispose();
        foreach (var copy in copies.Values)
        {
            copy.Dispose();
        }
    }

    /// <summary>
    /// For each frame, the window slots that covered it at <paramref name="step"/> with weight 1/coverage; unused
    /// columns repeat the first slot with weight 0 (a real, finite value, so 0·x stays 0).
    /// </summary>
    internal static void FillMerge(ShiftedWindowSchedule schedule, int step, int cover, Span<long> positions, Span<float> weights)
    {
        var counts = new int[schedule.FrameCount];
        var frames = new int[schedule.WindowLength];
        for (var w = 0; w < schedule.WindowsPerStep; w++)
        {
            schedule.FillWindow(step, w, frames);
            for (var j = 0; j < frames.Length; j++)
            {
                var f = frames[j];
                positions[(f * cover) + counts[f]++] = ((long)w * schedule.WindowLength) + j;
            }
        }

        for (var f = 0; f < counts.Length; f++)
        {
            for (var c = 0; c < cover; c++)
            {
                var covered = c < counts[f];
                positions[(f * cover) + c] = covered ? positions[(f * cover) + c] : positions[f * cover];
                weights[(f * cover) + c] = covered ? 1f / counts[f] : 0f;
            }
        }
    }

    /// <summary>Image-latent channels per branch [3,1,4,h,w]: zeros for u, the portrait's posterior mean for a and c.</summary>
    private static float[] ImagePerBranch(SonicReference reference)
    {
        var values = new float[Branches * reference.LatentValues];
        for (var b = 1; b < Branches; b++)
        {
            reference.ImageLatent.CopyTo(values.AsSpan(b * reference.LatentValues));
        }

        return values;
    }

    /// <summary>A smooth made-up signal for the host check.</summary>
    private static float[] Pattern(int length, float amplitude, double frequency)
        => [.. Enumerable.Range(0, length).Select(i => amplitude * (float)Math.Sin((i * frequency) + 0.5))];

    private static SonicNetwork Open(OrtSessionFactory sessions, string name, byte[] model, List<SonicNetwork> opened)
    {
        var (session, provider) = sessions.Create(name, model);
        var network = new SonicNetwork(name, session, provider);
        opened.Add(network);
        return network;
    }

    private OrtValue Allocate(TensorElementType elementType, params long[] shape) => OrtValue.CreateAllocatedTensorValue(allocator, elementType, shape);

    private OrtValue Upload(float[] values, long[] shape)
    {
        using var host = OrtValue.CreateTensorValueFromMemory(values, shape);
        return Upload(host, TensorElementType.Float, shape);
    }

    private OrtValue Upload(HostTensor tensor) => Upload(tensor.Value, tensor.ElementType, [.. tensor.Shape]);

    /// <summary>A device copy of a host tensor, made by the copy graph (ORT moves the input to the device at bind time).</summary>
    private OrtValue Upload(OrtValue host, TensorElementType elementType, long[] shape)
    {
        var device = Allocate(elementType, shape);
        try
        {
            var copy = copies[elementType];
            using var binding = new SonicBinding(copy.Session);
            binding.BindHost("source", host);
            binding.BindOutput("copy", device);
            using var runOptions = new RunOptions();
            copy.Run(binding, runOptions, CancellationToken.None);
            return device;
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private void Download(OrtValue device, float[] destination, long[] shape)
    {
        using var host = OrtValue.CreateTensorValueFromMemory(destination, shape);
        var copy = copies[TensorElementType.Float];
        using var binding = new SonicBinding(copy.Session);
        binding.BindResident("source", device);
        binding.BindOutput("copy", host);
        using var runOptions = new RunOptions();
        copy.Run(binding, runOptions, CancellationToken.None);
    }
}
