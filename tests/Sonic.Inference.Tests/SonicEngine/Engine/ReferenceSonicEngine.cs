using SkiaSharp;
using Sonic.Inference.Animation;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Runtime;
using Sonic.Media.Images;
using M = Sonic.Inference.Tests.SonicEngine.Engine.ArithmeticSonicModels;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// The whole Sonic algorithm written out again, plainly and in double precision, for the arithmetic models of
/// <see cref="ArithmeticSonicModels"/>: token and bucket windows by their index formulas, Karras sigmas, the shifted
/// windows with positive modulo, the three guidance branches, Euler v-prediction, decoding, interpolation and padding.
/// It shares only inputs with the engine (the log-mel and CLIP resize, tested on their own, and the seeded noise).
/// </summary>
internal static class ReferenceSonicEngine
{
    public sealed record Settings(int Steps, int Seed, double MotionScale, double DynamicScale, bool Rife,
        double ImageGuidance = 2.0, double AudioGuidance = 7.5, int Window = 25, int Shift = 7, double Fps = 12.5);

    /// <summary>The RGBA bytes of every output frame (<paramref name="targetFrames"/> of them).</summary>
    public static List<byte[]> Render(PortraitCrop portrait, float[] speech16k, Settings s, int targetFrames)
    {
        var units = Math.Min(speech16k.Length / 640, 10_000);
        var n = units / 2;
        var tokens = 2 * units;
        var m = TokenMeans(speech16k, tokens);

        var meanWhisper = 0.0;
        for (var l = 0; l < 5; l++)
        {
            for (var d = 0; d < 384; d++)
            {
                meanWhisper += M.WhisperWeight(l, d);
            }
        }

        meanWhisper /= 5 * 384;
        var meanLastLayer = Enumerable.Range(0, 384).Average(d => M.WhisperWeight(4, d));
        var meanTokenWeight = 0.0;
        for (var j = 0; j < 32; j++)
        {
            for (var e = 0; e < 1024; e++)
            {
                meanTokenWeight += M.TokenWeight(j, e);
            }
        }

        meanTokenWeight /= 32 * 1024;

        var p = ClipPixelMean(portrait);
        var clipMean = Enumerable.Range(0, 1024).Average(k => (p * M.ClipWeight(k)) + M.ClipBias);

        // Per frame: mean of its audio tokens (branch c) and its two buckets.
        var tokenMean = new double[n];
        var buckets = new double[n, 2];
        for (var i = 0; i < n; i++)
        {
            var s10 = WindowSum(m, (4 * i) - 4, 10) / 10.0 * meanWhisper;
            tokenMean[i] = (s10 * meanTokenWeight) + M.TokenBias;
            var a = WindowSum(m, (4 * i) - 24, 50) / 50.0 * meanLastLayer;
            buckets[i, 0] = (((M.BucketA0 * a) + (M.BucketC0 * clipMean) + M.BucketBias0) * 16) + 16;
            buckets[i, 1] = (((M.BucketA1 * a) + M.BucketBias1) * 16) + 16;
        }

        var unconditionalTokenMean = M.TokenBias;
        var size = portrait.Size;
        var h = size / 8;
        var plane = h * h;
        var latent = ImageLatent(portrait, h);
        var maskMean = FaceMaskMean(portrait);

        // Karras sigmas, then 0.
        var sigmas = new double[s.Steps + 1];
        for (var k = 0; k < s.Steps; k++)
        {
            var ramp = s.Steps == 1 ? 0 : (double)k / (s.Steps - 1);
            sigmas[k] = Math.Pow(Math.Pow(700, 1 / 7.0) + (ramp * (Math.Pow(0.002, 1 / 7.0) - Math.Pow(700, 1 / 7.0))), 7);
        }

        var noise = new float[n * 4 * plane];
        SonicNoise.Fill(s.Seed, noise);
        var x = new double[n, 4 * plane];
        for (var f = 0; f < n; f++)
        {
            for (var q = 0; q < 4 * plane; q++)
            {
                x[f, q] = (latent[q] * 0.18215) + (sigmas[0] * noise[(f * 4 * plane) + q]);
            }
        }

        var windows = (n + s.Window - 1) / s.Window;
        for (var step = 0; step < s.Steps; step++)
        {
            var sigma = sigmas[step];
            var next = sigmas[step + 1];
            var cIn = 1 / Math.Sqrt((sigma * sigma) + 1);
            var cNoise = 0.25 * Math.Log(sigma);
            var sum = new double[n, 4 * plane];
            var count = new int[n];
            for (var k = 0; k < windows; k++)
            {
                var start = (s.Window * k) - (s.Shift * step);
                var frames = Enumerable.Range(start, s.Window).Select(i => ((i % n) + n) % n).ToArray();
                var ids = new[]
                {
                    s.Fps,
                    frames.Average(f => buckets[f, 0]) * s.MotionScale,
                    frames.Average(f => buckets[f, 1]) * s.DynamicScale,
                };
                var idTerm = (M.TimeIdWeights[0] * ids[0]) + (M.TimeIdWeights[1] * ids[1]) + (M.TimeIdWeights[2] * ids[2]);
                var shared = idTerm + (M.UnetTimestep * cNoise) + (M.UnetMask * maskMean);
                foreach (var f in frames)
                {
                    for (var q = 0; q < 4 * plane; q++)
                    {
                        var xs = cIn * x[f, q];
                        var vu = xs + (M.UnetTokens * unconditionalTokenMean) + shared;
                        var va = xs + (M.UnetImage * latent[q]) + (M.UnetTokens * unconditionalTokenMean) + (M.UnetClip * clipMean) + shared;
                        var vc = xs + (M.UnetImage * latent[q]) + (M.UnetTokens * tokenMean[f]) + (M.UnetClip * clipMean) + shared;
                        var v = vu + (s.ImageGuidance * (va - vu)) + (s.AudioGuidance * (vc - va));
                        var s2 = (sigma * sigma) + 1;
                        var x0 = (-sigma / Math.Sqrt(s2) * v) + (x[f, q] / s2);
                        sum[f, q] += x[f, q] + ((x[f, q] - x0) / sigma * (next - sigma));
                    }

                    count[f]++;
                }
            }

            for (var f = 0; f < n; f++)
            {
                for (var q = 0; q < 4 * plane; q++)
                {
                    x[f, q] = sum[f, q] / count[f];
                }
            }
        }

        var decoded = Enumerable.Range(0, n).Select(f => Decode(x, f, h, size)).ToList();
        var sequence = new List<double[]>();
        for (var f = 0; f < n; f++)
        {
            if (f > 0)
            {
                var a = decoded[f - 1];
                var b = decoded[f];
                sequence.Add([.. a.Select((value, i) => s.Rife
                    ? Math.Clamp((M.RifeFirst * value) + (M.RifeSecond * b[i]), 0, 1)
                    : 0.5 * (value + b[i]))]);
            }

            sequence.Add(decoded[f]);
        }

        while (sequence.Count < targetFrames)
        {
            sequence.Add(sequence[^1]);
        }

        return [.. sequence.Take(targetFrames).Select(planar => ToRgba(planar, size))];
    }

    /// <summary>m[t]: the mean of the 80 × 2 log-mel values that Whisper token t covers (its 30 s chunk's own log-mel).</summary>
    private static double[] TokenMeans(float[] speech, int tokens)
    {
        var logMel = new WhisperLogMel();
        var m = new double[tokens];
        float[]? mel = null;
        for (var t = 0; t < tokens; t++)
        {
            var chunk = t / 1500;
            if (t % 1500 == 0)
            {
                var start = chunk * 480_000;
                mel = logMel.Compute(speech.AsSpan(start, Math.Clamp(speech.Length - start, 0, 480_000)));
            }

            var local = t % 1500;
            var total = 0.0;
            for (var band = 0; band < 80; band++)
            {
                total += mel![(band * 3000) + (2 * local)] + mel[(band * 3000) + (2 * local) + 1];
            }

            m[t] = total / 160;
        }

        return m;
    }

    private static double WindowSum(double[] m, int first, int length)
    {
        var sum = 0.0;
        for (var t = first; t < first + length; t++)
        {
            sum += t >= 0 && t < m.Length ? m[t] : 0;
        }

        return sum;
    }

    private static double ClipPixelMean(PortraitCrop portrait)
    {
        using var bitmap = LanczosResampler.ToBitmap(portrait.Rgba, portrait.Size, portrait.Size);
        var squashed = LanczosResampler.Resize(bitmap, new SKRectI(0, 0, portrait.Size, portrait.Size), 224, 224);
        double[] mean = [0.48145466, 0.4578275, 0.40821073];
        double[] std = [0.26862954, 0.26130258, 0.27577711];
        var total = 0.0;
        for (var i = 0; i < 224 * 224; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                total += ((squashed[(i * 4) + c] / 255.0) - mean[c]) / std[c];
            }
        }

        return total / (3 * 224 * 224);
    }

    private static double[] ImageLatent(PortraitCrop portrait, int h)
    {
        var size = portrait.Size;
        var latent = new double[4 * h * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < h; x++)
            {
                var pooled = new double[3];
                for (var dy = 0; dy < 8; dy++)
                {
                    for (var dx = 0; dx < 8; dx++)
                    {
                        var index = ((((y * 8) + dy) * size) + (x * 8) + dx) * 4;
                        for (var c = 0; c < 3; c++)
                        {
                            pooled[c] += ((portrait.Rgba[index + c] / 255.0) - 0.5) / 0.5 / 64;
                        }
                    }
                }

                for (var o = 0; o < 4; o++)
                {
                    var value = M.EncoderBias[o];
                    for (var c = 0; c < 3; c++)
                    {
                        value += M.EncoderWeights[o, c] * pooled[c];
                    }

                    latent[(o * h * h) + (y * h) + x] = value;
                }
            }
        }

        return latent;
    }

    /// <summary>The face box grown ×1.1 about its centre, rounded to whole pixels and clipped: its share of the crop.</summary>
    private static double FaceMaskMean(PortraitCrop portrait)
    {
        var box = portrait.Face.Box;
        double size = portrait.Size;
        var cx = box.X + (box.Width / 2.0);
        var cy = box.Y + (box.Height / 2.0);
        var width = Math.Clamp(Math.Round(cx + (box.Width * 0.55)), 0, size) - Math.Clamp(Math.Round(cx - (box.Width * 0.55)), 0, size);
        var height = Math.Clamp(Math.Round(cy + (box.Height * 0.55)), 0, size) - Math.Clamp(Math.Round(cy - (box.Height * 0.55)), 0, size);
        return width * height / (size * size);
    }

    private static double[] Decode(double[,] x, int f, int h, int size)
    {
        var planar = new double[3 * size * size];
        for (var y = 0; y < size; y++)
        {
            for (var xx = 0; xx < size; xx++)
            {
                var q = ((y / 8) * h) + (xx / 8);
                for (var c = 0; c < 3; c++)
                {
                    var value = 0.0;
                    for (var k = 0; k < 4; k++)
                    {
                        value += M.DecoderWeights[c, k] * (x[f, (k * h * h) + q] / 0.18215);
                    }

                    planar[(c * size * size) + (y * size) + xx] = Math.Clamp((Math.Tanh(value) * 0.5) + 0.5, 0, 1);
                }
            }
        }

        return planar;
    }

    private static byte[] ToRgba(double[] planar, int size)
    {
        var plane = size * size;
        var rgba = new byte[plane * 4];
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                rgba[(i * 4) + c] = (byte)((planar[(c * plane) + i] * 255) + 0.5);
            }

            rgba[(i * 4) + 3] = 255;
        }

        return rgba;
    }
}
