using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Media.Audio;
using Sonic.Testing;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// Model folders written once per test class (fp32 with and without RIFE, fp16 with RIFE, all accepting crops from
/// 64 px), and helpers that build a request from a synthetic portrait and synthetic speech of an exact length.
/// </summary>
public sealed class SonicEngineFixture : IDisposable
{
    public SonicEngineFixture()
    {
        Root = Directory.CreateTempSubdirectory("sonic-engine-").FullName;
        ArithmeticSonicModels.Write(Fp32, half: false, withRife: true, SmallCrops);
        ArithmeticSonicModels.Write(Fp32NoRife, half: false, withRife: false, SmallCrops);
        ArithmeticSonicModels.Write(Fp16, half: true, withRife: true, SmallCrops);
    }

    public static object SmallCrops { get; } = new { resolution = new { min = 64, max = 512 } };

    public string Root { get; }

    public string Fp32 => Path.Combine(Root, "fp32");

    public string Fp32NoRife => Path.Combine(Root, "fp32-norife");

    public string Fp16 => Path.Combine(Root, "fp16");

    public static OrtSessionFactory Sessions { get; } = new(NullLogger<OrtSessionFactory>.Instance, preferCuda: false);

    public static SonicAnimator Open(string folder) => SonicAnimator.Open(folder, Sessions, NullLogger<SonicAnimator>.Instance);

    /// <summary>A square crop with a diagonal colour gradient and a face box whose ×1.1 edges fall on whole pixels.</summary>
    public static PortraitCrop Portrait(int size)
    {
        var rgba = new byte[size * size * 4];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = ((y * size) + x) * 4;
                rgba[i] = (byte)(255 * x / (size - 1));
                rgba[i + 1] = (byte)(255 * y / (size - 1));
                rgba[i + 2] = (byte)((x * 7 + y * 3) % 256);
                rgba[i + 3] = 255;
            }
        }

        var unit = size / 8f;
        var box = new BoxF(2 * unit, 2 * unit, 4 * unit, 5 * unit);
        PointF2[] keypoints = [new(3 * unit, 4 * unit), new(5 * unit, 4 * unit), new(4 * unit, 5 * unit), new(4 * unit, 6 * unit), new(2 * unit, 4 * unit), new(6 * unit, 4 * unit)];
        return new PortraitCrop(size, rgba, new FaceDetection(box, keypoints, 0.9f));
    }

    /// <summary>A 220 Hz voice-like tone whose loudness swings at 3 Hz: <paramref name="units"/> × 640 samples plus a remainder.</summary>
    public static float[] Speech(int units, int remainder = 123)
    {
        var samples = new float[(units * 640) + remainder];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / 16_000.0;
            var envelope = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 3 * t));
            samples[i] = (float)(0.3 * envelope * (Math.Sin(2 * Math.PI * 220 * t) + (0.3 * Math.Sin(2 * Math.PI * 660 * t))));
        }

        return samples;
    }

    public static AnimationRequest Request(PortraitCrop portrait, float[] speech, int steps, int seed = 7, float motion = 1.05f, float dynamic = 1.1f)
    {
        var rows = speech.Length / AudioFeatures.SamplesPerFrameAt16k;
        return new AnimationRequest(portrait, new AudioFeatures(rows, new float[rows * AudioFeatures.Dimension]), dynamic, motion, seed, steps, speech);
    }

    /// <summary>Runs the animator and copies every frame (tests only: the product never holds the video).</summary>
    public static List<byte[]> Frames(IAnimator animator, AnimationRequest request, CancellationToken cancellationToken = default)
        => [.. animator.Animate(request, cancellationToken).Select(f => (byte[])f.Pixels.Clone())];

    /// <summary>Every frame's channels within <paramref name="tolerance"/> levels of the expected frame's.</summary>
    public static void AssertClose(List<byte[]> expected, List<byte[]> actual, int tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var f = 0; f < expected.Count; f++)
        {
            var worst = 0;
            for (var i = 0; i < expected[f].Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(expected[f][i] - actual[f][i]));
            }

            Assert.True(worst <= tolerance, $"frame {f}: a channel differs by {worst} (tolerance {tolerance})");
        }
    }

    public void Dispose() => TestPaths.TryDeleteFolder(Root);
}
