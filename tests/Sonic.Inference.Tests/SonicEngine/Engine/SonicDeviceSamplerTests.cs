using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.SonicEngine.Runtime;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// The device-resident sampler (window gather, guidance, Euler and coverage average as ONNX graphs next to the UNet)
/// against the host sampler and the independent reference. CI has no GPU: here the "device" is the CPU provider's
/// memory, so these tests check the graphs' arithmetic and the buffer choreography, not CUDA itself.
/// </summary>
public sealed class SonicDeviceSamplerTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    private const int Size = 64;

    [Theory]
    [InlineData(30, 3, false)] // N = 15 < 25: the one window repeats frames
    [InlineData(74, 3, false)] // N = 37: the second window wraps, some frames are covered twice
    [InlineData(100, 4, false)] // N = 50: a multiple of 25
    [InlineData(74, 2, true)] // fp16 UNet inputs and outputs: the casts happen in the graphs
    public void Sample_OnTheDevice_MatchesTheHostSampler(int units, int steps, bool half)
    {
        using var networks = SonicNetworks.Open(SonicModelVerifier.Verify(half ? models.Fp16 : models.Fp32), Sessions);
        using var runOptions = new RunOptions();
        using var reference = new SonicReferenceEncoder(networks).Encode(Portrait(Size), softMask: false, runOptions, CancellationToken.None);
        using var conditioning = new SonicAudioEncoder(networks).Encode(Speech(units), reference.ClipEmbeds, runOptions, CancellationToken.None);
        var settings = new SonicSamplerSettings(steps, 5, 1.05f, 1.1f, new SonicConstants());
        using var device = SonicDeviceSampler.Open(networks, settings.Constants, Sessions);
        var deviceSteps = new List<int>();

        var onHost = new SonicSampler(networks).Sample(reference, conditioning, settings, runOptions, null, CancellationToken.None);
        var onDevice = device.Sample(reference, conditioning, settings, runOptions, deviceSteps.Add, CancellationToken.None);

        Assert.Equal("CPU", device.ExecutionProvider);
        Assert.Equal(Enumerable.Range(1, steps), deviceSteps);
        Assert.Equal(onHost.Length, onDevice.Length);
        var scale = onHost.Max(Math.Abs);
        var worst = onHost.Zip(onDevice, (a, b) => Math.Abs(a - b)).Max();

        // Same fp32 arithmetic in another order (weights 1/coverage before the sum rather than a divide after it).
        Assert.True(worst <= 1e-5 * scale, $"latents differ by {worst} (largest latent {scale})");
        Assert.True(scale > 1, "the latents should be far from zero after so few steps from σ = 700");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AgreesWithHost_OnOneStep_IsTrueWhenBothPathsComputeTheSame(bool half)
    {
        using var networks = SonicNetworks.Open(SonicModelVerifier.Verify(half ? models.Fp16 : models.Fp32), Sessions);
        using var device = SonicDeviceSampler.Open(networks, new SonicConstants(), Sessions);

        Assert.True(device.AgreesWithHost(Size, out var detail), detail);
        Assert.StartsWith("largest difference ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Animate_DevicePlacement_StreamsTheReferenceFrames()
    {
        var portrait = Portrait(Size);
        var speech = Speech(74);
        using var animator = SonicAnimator.Open(models.Fp32, Sessions, NullLogger<SonicAnimator>.Instance, SonicSamplerPlacement.Device);

        var frames = Frames(animator, Request(portrait, speech, 3));

        Assert.Equal("CPU", animator.SamplerMemory);
        var expected = ReferenceSonicEngine.Render(portrait, speech, new(3, 7, 1.05, 1.1, Rife: true), 74);
        Assert.Equal(expected.Count, frames.Count);
        for (var f = 0; f < frames.Count; f++)
        {
            var worst = expected[f].Zip(frames[f], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 2, $"frame {f}: a channel differs by {worst}");
        }
    }

    [Fact]
    public void Animate_AutoOnCpu_KeepsTheLatentsOnTheHost()
    {
        using var animator = Open(models.Fp32);

        Assert.Equal("host", animator.SamplerMemory);
    }

    [Fact]
    public void Animate_DevicePlacement_CancelledStopsWithOperationCanceled()
    {
        using var animator = SonicAnimator.Open(models.Fp32, Sessions, NullLogger<SonicAnimator>.Instance, SonicSamplerPlacement.Device);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Frames(animator, Request(Portrait(Size), Speech(40), 2), cancel.Token));
    }

    [Theory]
    [InlineData(15, 0)] // one window of 25 over 15 frames: frames 0–9 twice, 10–14 once
    [InlineData(15, 2)]
    [InlineData(37, 1)] // two windows, 50 slots over 37 frames
    [InlineData(50, 3)] // every frame exactly once
    public void FillMerge_WeighsEverySlotOfAFrameByItsCoverage(int frames, int step)
    {
        var schedule = new ShiftedWindowSchedule(frames);
        var slots = schedule.WindowsPerStep * schedule.WindowLength;
        var cover = (slots + frames - 1) / frames;
        var positions = new long[frames * cover];
        var weights = new float[frames * cover];

        SonicDeviceSampler.FillMerge(schedule, step, cover, positions, weights);

        var coverage = schedule.Coverage(step);
        var slotFrames = Enumerable.Range(0, schedule.WindowsPerStep).SelectMany(w => schedule.Window(step, w)).ToArray();
        for (var f = 0; f < frames; f++)
        {
            var row = Enumerable.Range(0, cover).Select(c => (Slot: positions[(f * cover) + c], Weight: weights[(f * cover) + c])).ToList();
            Assert.Equal(1f, row.Sum(r => r.Weight), 5);
            Assert.All(row.Where(r => r.Weight > 0), r => Assert.Equal(f, slotFrames[r.Slot]));
            Assert.Equal(coverage[f], row.Count(r => r.Weight > 0));
            Assert.Equal(coverage[f], row.Where(r => r.Weight > 0).Select(r => r.Slot).Distinct().Count());
        }

        // Every slot feeds exactly one frame.
        Assert.Equal(slots, positions.Where((_, i) => weights[i] > 0).Distinct().Count());
    }
}
