using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Sonic.Inference.SonicEngine;

/// <summary>
/// Whisper's log-mel front end for one 30 s chunk (transformers <c>WhisperFeatureExtractor</c>, numpy path):
/// zero-pad/trim to 480 000 samples, STFT with n_fft 400, hop 160, periodic Hann, centred reflect padding, power
/// spectrum, drop the last frame (3000 remain), 80 Slaney mel bands 0–8000 Hz, log10(max(p, 1e-10)), floor at
/// max − 8, then (x + 4)/4. Output row-major [80, 3000] — the <c>input_features</c> of whisper_encoder.onnx.
/// </summary>
public sealed class WhisperLogMel
{
    public const int SampleRate = 16_000;
    public const int FftSize = 400;
    public const int HopLength = 160;
    public const int MelBands = 80;
    public const int ChunkSamples = 30 * SampleRate;
    public const int FramesPerChunk = ChunkSamples / HopLength; // 3000
    public const int TokensPerChunk = FramesPerChunk / 2; // the encoder's stride-2 conv: 1500
    public const int FrequencyBins = (FftSize / 2) + 1; // 201

    private readonly double[] window = PeriodicHann(FftSize);
    private readonly float[] filters = SlaneyMelFilterBank.Create(FrequencyBins, MelBands, SampleRate, 0, 8000);

    public static double[] PeriodicHann(int length)
    {
        var w = new double[length];
        for (var n = 0; n < length; n++)
        {
            w[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / length));
        }

        return w;
    }

    /// <summary>
    /// Power spectrogram [frames, 201] of <paramref name="samples"/> (centred, reflect-padded, every frame kept:
    /// 1 + samples/160 frames). Exposed so tests can check it against a direct DFT.
    /// </summary>
    public double[] PowerSpectrogram(ReadOnlySpan<float> samples)
    {
        const int half = FftSize / 2;
        if (samples.Length <= half)
        {
            throw new ArgumentException("Reflect padding needs more than n_fft/2 samples.", nameof(samples));
        }

        var frames = 1 + (samples.Length / HopLength);
        var power = new double[frames * FrequencyBins];
        var buffer = new Complex[FftSize];
        for (var f = 0; f < frames; f++)
        {
            var origin = (f * HopLength) - half;
            for (var n = 0; n < FftSize; n++)
            {
                buffer[n] = new Complex(samples[Reflect(origin + n, samples.Length)] * window[n], 0);
            }

            // NoScaling matches numpy's unnormalised rfft; the exponent sign does not change the power.
            Fourier.Forward(buffer, FourierOptions.NoScaling);
            var row = power.AsSpan(f * FrequencyBins, FrequencyBins);
            for (var k = 0; k < FrequencyBins; k++)
            {
                var c = buffer[k];
                row[k] = (c.Real * c.Real) + (c.Imaginary * c.Imaginary);
            }
        }

        return power;
    }

    /// <summary>One chunk: <paramref name="chunk"/> (≤ 480 000 samples, zero-padded here) → [80, 3000].</summary>
    public float[] Compute(ReadOnlySpan<float> chunk)
    {
        if (chunk.Length > ChunkSamples)
        {
            throw new ArgumentException("A Whisper chunk holds at most 30 s of 16 kHz audio.", nameof(chunk));
        }

        var padded = new float[ChunkSamples];
        chunk.CopyTo(padded);
        var power = PowerSpectrogram(padded);
        var output = new float[MelBands * FramesPerChunk];
        var max = double.NegativeInfinity;
        for (var m = 0; m < MelBands; m++)
        {
            var filter = filters.AsSpan(m * FrequencyBins, FrequencyBins);
            for (var t = 0; t < FramesPerChunk; t++) // the last STFT frame is dropped, as upstream does
            {
                var row = power.AsSpan(t * FrequencyBins, FrequencyBins);
                var energy = 0.0;
                for (var k = 0; k < FrequencyBins; k++)
                {
                    energy += filter[k] * row[k];
                }

                var log = Math.Log10(Math.Max(energy, 1e-10));
                output[(m * FramesPerChunk) + t] = (float)log;
                max = Math.Max(max, log);
            }
        }

        var floor = (float)(max - 8.0);
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (Math.Max(output[i], floor) + 4f) / 4f;
        }

        return output;
    }

    private static int Reflect(int index, int length)
    {
        // numpy 'reflect': mirror about the edge samples without repeating them (…, x2, x1, x0, x1, x2, …).
        if (index < 0)
        {
            return -index;
        }

        return index >= length ? (2 * (length - 1)) - index : index;
    }
}
