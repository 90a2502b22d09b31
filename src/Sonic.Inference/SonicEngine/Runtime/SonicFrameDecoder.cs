using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.SonicEngine.Parity;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// Decodes the clean latents in chunks of <see cref="SonicConstants.DecodeChunk"/> frames (latents ÷ 0.18215 →
/// VAE temporal decoder → ×0.5 + 0.5, clamped to [0, 1]) and doubles 12.5 fps to 25 fps on the fly: after every
/// decoded frame but the first, the middle frame between it and its predecessor (RIFE when rife.onnx is present,
/// else the blend of <see cref="FrameRateConversion"/>), then the frame itself — 2N − 1 planar [3,S,S] frames. Only one
/// chunk and the previous frame are held; the yielded buffer is reused.
/// </summary>
internal sealed class SonicFrameDecoder(SonicNetworks networks, ISonicTrace? trace = null)
{
    public IEnumerable<float[]> Decode(float[] latents, SonicReference reference, int chunk, RunOptions runOptions, CancellationToken cancellationToken)
    {
        var size = reference.Size;
        var side = reference.LatentSide;
        var latentValues = reference.LatentValues;
        var frameValues = 3 * size * size;
        var frames = latents.Length / latentValues;

        var decoded = new float[chunk * frameValues];
        var scaled = new float[chunk * latentValues];
        var previous = new float[frameValues];
        var current = new float[frameValues];
        var middle = new float[frameValues];
        using var interpolator = networks.Rife is { } rife ? new RifeInterpolator(rife, size) : null;
        using var fullChunk = new DecoderBinding(networks.VaeDecoder, chunk, side, size);
        // A decoder fixed to its chunk size decodes the last, shorter chunk padded with its last latent frame.
        var padLast = networks.DecodeFrames is not null;
        using var lastChunk = frames % chunk is var rest and > 0 && !padLast ? new DecoderBinding(networks.VaeDecoder, rest, side, size) : null;
        var padded = padLast ? new float[chunk * latentValues] : null;
        var first = true;
        for (var start = 0; start < frames; start += chunk)
        {
            var count = Math.Min(chunk, frames - start);
            var chunkLatents = latents.AsSpan(start * latentValues, count * latentValues);
            if (count < chunk && padded is not null)
            {
                chunkLatents.CopyTo(padded);
                for (var i = count; i < chunk; i++)
                {
                    chunkLatents[^latentValues..].CopyTo(padded.AsSpan(i * latentValues, latentValues));
                }

                fullChunk.Decode(padded, scaled, decoded, runOptions, cancellationToken);
            }
            else
            {
                (count == chunk ? fullChunk : lastChunk!).Decode(chunkLatents, scaled, decoded, runOptions, cancellationToken);
            }

            trace?.Record(SonicParityStages.Frames, [count, 3, size, size], decoded.AsSpan(0, count * frameValues));
            for (var i = 0; i < count; i++)
            {
                decoded.AsSpan(i * frameValues, frameValues).CopyTo(current);
                if (!first)
                {
                    if (interpolator is not null)
                    {
                        interpolator.Middle(previous, current, middle, runOptions, cancellationToken);
                    }
                    else
                    {
                        FrameRateConversion.Blend(previous, current, middle);
                    }

                    yield return middle;
                }

                yield return current;
                first = false;
                (previous, current) = (current, previous);
            }
        }
    }

    /// <summary>The decoder's input and output tensors for one chunk size, bound once and reused for every chunk of that size.</summary>
    private sealed class DecoderBinding : IDisposable
    {
        private readonly SonicNetwork decoder;
        private readonly HostTensor input;
        private readonly HostTensor output;
        private readonly SonicBinding binding;

        public DecoderBinding(SonicNetwork decoder, int count, int side, int size)
        {
            this.decoder = decoder;
            input = new HostTensor(decoder.InputType("latents"), count, SonicReference.LatentChannels, side, side);
            output = new HostTensor(decoder.OutputType("frames"), count, 3, size, size);
            binding = decoder.Bind([("latents", input)], [("frames", output)]);
        }

        /// <summary>latents ÷ 0.18215 → decoder → ×0.5 + 0.5 clamped to [0, 1], planar frames into <paramref name="decoded"/>.</summary>
        public void Decode(ReadOnlySpan<float> latents, float[] scaled, float[] decoded, RunOptions runOptions, CancellationToken cancellationToken)
        {
            var values = scaled.AsSpan(0, latents.Length);
            System.Numerics.Tensors.TensorPrimitives.Divide(latents, SonicReference.LatentScale, values);
            input.Write(0, values);
            decoder.Run(binding, runOptions, cancellationToken);

            var frames = decoded.AsSpan(0, output.Length);
            output.Read(0, frames);
            System.Numerics.Tensors.TensorPrimitives.Multiply(frames, 0.5f, frames);
            System.Numerics.Tensors.TensorPrimitives.Add(frames, 0.5f, frames);
            System.Numerics.Tensors.TensorPrimitives.Max(frames, 0f, frames);
            System.Numerics.Tensors.TensorPrimitives.Min(frames, 1f, frames);
        }

        public void Dispose()
        {
            binding.Dispose();
            input.Dispose();
            output.Dispose();
        }
    }

    /// <summary>rife.onnx on two [1,3,S,S] frames in [0,1]; the middle is clamped as upstream does.</summary>
    private sealed class RifeInterpolator : IDisposable
    {
        private readonly SonicNetwork rife;
        private readonly HostTensor first;
        private readonly HostTensor second;
        private readonly HostTensor middle;
        private readonly SonicBinding binding;

        public RifeInterpolator(SonicNetwork rife, int size)
        {
            this.rife = rife;
            first = new HostTensor(TensorElementType.Float, 1, 3, size, size);
            second = new HostTensor(TensorElementType.Float, 1, 3, size, size);
            middle = new HostTensor(TensorElementType.Float, 1, 3, size, size);
            binding = rife.Bind([("img0", first), ("img1", second)], [("middle", middle)]);
        }

        public void Middle(float[] a, float[] b, float[] destination, RunOptions runOptions, CancellationToken cancellationToken)
        {
            first.Write(0, a);
            second.Write(0, b);
            rife.Run(binding, runOptions, cancellationToken);
            middle.Read(0, destination);
            System.Numerics.Tensors.TensorPrimitives.Max(destination, 0f, destination);
            System.Numerics.Tensors.TensorPrimitives.Min(destination, 1f, destination);
        }

        public void Dispose()
        {
            binding.Dispose();
            first.Dispose();
            second.Dispose();
            middle.Dispose();
        }
    }
}
