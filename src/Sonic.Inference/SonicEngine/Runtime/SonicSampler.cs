using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// Sonic's denoising loop (upstream <c>pipeline_sonic.py</c>, <c>__call__</c>): Karras sigmas, Euler with
/// v-prediction, three guidance branches [u | a | c] in one UNet batch, time-aware shifted windows averaged over
/// their coverage. Latents are fp32 on the host; the UNet's tensors are bound once (IO binding) and only the parts
/// that change are rewritten per window: c_in·x, branch c's audio tokens, the window's buckets and, per step, the
/// timestep. The image-latent channels, CLIP embeddings, unconditional tokens and face mask are written once per job.
/// </summary>
internal sealed class SonicSampler(SonicNetworks networks)
{
    private const int SampleChannels = 8;
    private const int Branches = 3;

    /// <summary>Returns the clean latents [N,4,h,w] (still ×0.18215), calling <paramref name="stepDone"/> after each step.</summary>
    public float[] Sample(
        SonicReference reference,
        SonicConditioning conditioning,
        SonicSamplerSettings settings,
        RunOptions runOptions,
        Action<int>? stepDone,
        CancellationToken cancellationToken)
    {
        var frames = conditioning.FrameCount;
        var side = reference.LatentSide;
        var latentValues = reference.LatentValues;
        var window = settings.Constants.Window;
        var schedule = new ShiftedWindowSchedule(frames, window, settings.Constants.Shift);
        var sigmas = KarrasSigmaSchedule.Create(settings.Steps);

        var latents = InitialLatents(reference, frames, sigmas[0], settings.Seed, settings.Noise);
        settings.Trace?.Record(SonicParityStages.Sigmas, [sigmas.Length], [.. sigmas.Select(s => (float)s)]);
        settings.Trace?.Record(SonicParityStages.Latents(0), [frames, SonicReference.LatentChannels, side, side], latents);
        var accumulator = new float[latents.Length];

        var unet = networks.Unet;
        var sampleType = unet.InputType("sample");
        using var sample = new HostTensor(sampleType, Branches, window, SampleChannels, side, side);
        using var timestep = new HostTensor(TensorElementType.Float, 1);
        using var clip = ClipPerBranch(reference, unet.InputType("clip_embeds"));
        using var tokens = new HostTensor(conditioning.Tokens.ElementType, Branches, window, SonicConditioning.TokensPerFrame, SonicConditioning.TokenWidth);
        using var timeIds = new HostTensor(TensorElementType.Float, Branches, 3);
        using var velocity = new HostTensor(unet.OutputType("v_pred"), Branches, window, SonicReference.LatentChannels, side, side);
        using var binding = unet.Bind(
            [("sample", sample), ("timestep", timestep), ("clip_embeds", clip), ("audio_tokens", tokens), ("added_time_ids", timeIds), ("face_mask", reference.FaceMask)],
            [("v_pred", velocity)]);
        WriteConstantInputs(reference, conditioning, window, sample, tokens);

        var frameIndices = new int[window];
        var scaledWindow = new float[window * latentValues];
        var batchedVelocity = new float[Branches * window * latentValues];
        var guided = new float[window * latentValues];
        var stepped = new float[window * latentValues];
        var timeRow = new float[3];
        var constants = settings.Constants;
        for (var step = 0; step < settings.Steps; step++)
        {
            var sigma = sigmas[step];
            var inputScale = (float)EulerVPredictionStep.InputScale(sigma);
            timestep.Write(0, [(float)EulerVPredictionStep.NoiseConditioning(sigma)]);
            Array.Clear(accumulator);
            for (var w = 0; w < schedule.WindowsPerStep; w++)
            {
                schedule.FillWindow(step, w, frameIndices);
                for (var j = 0; j < window; j++)
                {
                    var f = frameIndices[j];
                    var scaled = scaledWindow.AsSpan(j * latentValues, latentValues);
                    latents.AsSpan(f * latentValues, latentValues).CopyTo(scaled);
                    System.Numerics.Tensors.TensorPrimitives.Multiply(scaled, inputScale, scaled);
                    for (var b = 0; b < Branches; b++)
                    {
                        sample.Write(((b * window) + j) * SampleChannels * side * side, scaled);
                    }

                    // Only branch c hears the audio; u and a keep the unconditional tokens written once.
                    tokens.CopyFrom(conditioning.Tokens, f * SonicConditioning.TokenValues, ((2 * window) + j) * SonicConditioning.TokenValues, SonicConditioning.TokenValues);
                }

                WindowTimeIds(conditioning.Buckets, frameIndices, settings, timeRow);
                for (var b = 0; b < Branches; b++)
                {
                    timeIds.Write(b * 3, timeRow);
                }

                unet.Run(binding, runOptions, cancellationToken);
                velocity.Read(0, batchedVelocity);
                ThreeBranchGuidance.Combine(batchedVelocity, guided, constants.ImageGuidance, constants.AudioGuidance);

                // The Euler step is taken on the unscaled window latents (x, not c_in·x).
                for (var j = 0; j < window; j++)
                {
                    var f = frameIndices[j];
                    EulerVPredictionStep.Apply(
                        latents.AsSpan(f * latentValues, latentValues),
                        guided.AsSpan(j * latentValues, latentValues),
                        sigma,
                        sigmas[step + 1],
                        stepped.AsSpan(j * latentValues, latentValues));
                    System.Numerics.Tensors.TensorPrimitives.Add(
                        accumulator.AsSpan(f * latentValues, latentValues), stepped.AsSpan(j * latentValues, latentValues), accumulator.AsSpan(f * latentValues, latentValues));
                }
            }

            var coverage = schedule.Coverage(step);
            for (var f = 0; f < frames; f++)
            {
                var frame = accumulator.AsSpan(f * latentValues, latentValues);
                System.Numerics.Tensors.TensorPrimitives.Divide(frame, coverage[f], latents.AsSpan(f * latentValues, latentValues));
            }

            settings.Trace?.Record(SonicParityStages.Latents(step + 1), [frames, SonicReference.LatentChannels, side, side], latents);
            stepDone?.Invoke(step + 1);
        }

        return latents;
    }

    /// <summary>x = ref_latent·0.18215 on every frame + σ0·ε, ε ~ N(0,1) from the seed (or the given <paramref name="noise"/>).</summary>
    public static float[] InitialLatents(SonicReference reference, int frames, double sigmaMax, int seed, float[]? noise = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var values = reference.LatentValues;
        var latents = new float[frames * values];
        if (noise is null)
        {
            SonicNoise.Fill(seed, latents);
        }
        else if (noise.Length == latents.Length)
        {
            noise.CopyTo(latents, 0);
        }
        else
        {
            throw new SonicJobException(
                ErrorCodes.InvalidParameter,
                $"The given noise has {noise.Length} values; {frames} frames of {values} latent values need {latents.Length}.");
        }

        var sigma = (float)sigmaMax;
        for (var f = 0; f < frames; f++)
        {
            var frame = latents.AsSpan(f * values, values);
            for (var i = 0; i < values; i++)
            {
                frame[i] = (reference.ImageLatent[i] * SonicReference.LatentScale) + (sigma * frame[i]);
            }
        }

        return latents;
    }

    /// <summary>
    /// added_time_ids for a window: [fps, mean bucket translation × motion_scale, mean bucket expression × dynamic_scale],
    /// the means over the window's frames as gathered (a repeated frame counts each time, as upstream's indice_slice does).
    /// </summary>
    public static void WindowTimeIds(ReadOnlySpan<float> buckets, ReadOnlySpan<int> frameIndices, SonicSamplerSettings settings, Span<float> row)
    {
        ArgumentNullException.ThrowIfNull(settings);
        double translation = 0, expression = 0;
        foreach (var f in frameIndices)
        {
            translation += buckets[2 * f];
            expression += buckets[(2 * f) + 1];
        }

        row[0] = settings.Constants.Fps;
        row[1] = (float)(translation / frameIndices.Length) * settings.MotionScale;
        row[2] = (float)(expression / frameIndices.Length) * settings.DynamicScale;
    }

    /// <summary>The UNet's clip_embeds [3,1,1024] for branches u / a / c: zeros for u, the portrait's embedding for a and c.</summary>
    public static HostTensor ClipPerBranch(SonicReference reference, TensorElementType elementType)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var clip = new HostTensor(elementType, Branches, 1, reference.ClipEmbeds.Length);
        for (var b = 1; b < Branches; b++)
        {
            clip.Write(b * reference.ClipEmbeds.Length, reference.ClipEmbeds);
        }

        return clip;
    }

    /// <summary>
    /// Per branch u / a / c: image-latent channels 4–7 of every frame (zeros for u, the reference latent for a and c)
    /// and the unconditional audio tokens on u and a — written once per job.
    /// </summary>
    private static void WriteConstantInputs(SonicReference reference, SonicConditioning conditioning, int window, HostTensor sample, HostTensor tokens)
    {
        var plane = reference.LatentSide * reference.LatentSide;
        var channelValues = SonicReference.LatentChannels * plane;
        sample.Clear(0, sample.Length);
        for (var b = 1; b < Branches; b++)
        {
            for (var j = 0; j < window; j++)
            {
                sample.Write((((b * window) + j) * SampleChannels * plane) + channelValues, reference.ImageLatent);
            }
        }

        for (var j = 0; j < 2 * window; j++)
        {
            tokens.CopyFrom(conditioning.Unconditional, 0, j * SonicConditioning.TokenValues, SonicConditioning.TokenValues);
        }
    }
}
