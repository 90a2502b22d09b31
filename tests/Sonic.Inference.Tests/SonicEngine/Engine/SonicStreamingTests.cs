using Microsoft.ML.OnnxRuntime;
using Sonic.Inference.Animation;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Runtime;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// How the engine's frames leave it: 2N − 1 of them from N latents, and without holding the video. Alone in its
/// collection: the memory test reads the process's live heap, which other test classes running beside it would fill.
/// </summary>
[Collection(SonicStreamingTests.Collection)]
public sealed class SonicStreamingTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    public const string Collection = "live memory";

    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(13, 8)] // a short last decode chunk
    [InlineData(37, 3)]
    public void Decode_NLatents_Yields2NMinus1FramesAt25Fps(int frames, int chunk)
    {
        using var networks = SonicNetworks.Open(SonicModelVerifier.Verify(models.Fp32), Sessions);
        using var mask = new HostTensor(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float, 1, 1, 64, 64);
        using var reference = new SonicReference(64, new float[1024], new float[4 * 8 * 8], mask);
        using var runOptions = new RunOptions();
        var latents = new float[frames * reference.LatentValues];
        for (var f = 0; f < frames; f++)
        {
            latents.AsSpan(f * reference.LatentValues, reference.LatentValues).Fill(0.05f * f);
        }

        var means = new SonicFrameDecoder(networks).Decode(latents, reference, chunk, runOptions, CancellationToken.None)
            .Select(planar => planar.Average()).ToList();

        Assert.Equal((2 * frames) - 1, means.Count);
        for (var i = 1; i < means.Count - 1; i += 2)
        {
            // Each inserted frame lies between its neighbours (RIFE's 0.25/0.75 mix here).
            Assert.InRange(means[i], Math.Min(means[i - 1], means[i + 1]) - 1e-4, Math.Max(means[i - 1], means[i + 1]) + 1e-4);
        }
    }

    [Fact]
    public void Animate_FourTimesLongerSpeech_HoldsOnlyTheLatentsWhileStreaming()
    {
        const int size = 256;
        using var animator = Open(models.Fp32);
        var shortPeak = LivePeakWhileStreaming(animator, Request(Portrait(size), Speech(100), 1));
        var longPeak = LivePeakWhileStreaming(animator, Request(Portrait(size), Speech(400), 1));

        // 150 more Sonic frames become 300 more video frames. Holding them would cost 300 RGBA frames; the engine may
        // only keep 150 more latents (4 × 32 × 32 floats, 16 KB each).
        var frameBytes = size * size * 4L;
        var growth = longPeak - shortPeak;
        Assert.True(growth < 300 * frameBytes / 10, $"live memory grew {growth / 1e6:F1} MB for 300 more frames of {frameBytes / 1e3:F0} KB");
    }

    /// <summary>The largest live managed heap (after a full collection) seen every 25 frames while the stream runs.</summary>
    private static long LivePeakWhileStreaming(IAnimator animator, AnimationRequest request)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        foreach (var frame in animator.Animate(request, CancellationToken.None))
        {
            if (frame.Index % 25 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        return peak;
    }
}
