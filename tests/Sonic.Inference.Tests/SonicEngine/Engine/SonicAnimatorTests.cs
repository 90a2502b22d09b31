using Sonic.Inference.SonicEngine;
using Sonic.Media.Errors;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// The Sonic engine end to end on ONNX Runtime (CPU) with contract-shaped arithmetic models: every frame it streams is
/// compared with <see cref="ReferenceSonicEngine"/>, which recomputes the algorithm independently.
/// </summary>
public sealed class SonicAnimatorTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    private const int Size = 64;

    [Theory]
    [InlineData(30, 3)] // N = 15 < 25: one window repeats frames
    [InlineData(74, 3)] // N = 37: two windows, the second wraps; 2N − 1 = L − 1
    [InlineData(75, 4)] // N = 37 again with L odd: 2N − 1 = L − 2
    [InlineData(100, 2)] // N = 50: a multiple of 25, shifted windows still wrap from step 1
    public void Animate_WithRife_StreamsTheReferenceFrames(int units, int steps)
    {
        var portrait = Portrait(Size);
        var speech = Speech(units);
        using var animator = Open(models.Fp32);

        var frames = Frames(animator, Request(portrait, speech, steps));

        var expected = ReferenceSonicEngine.Render(portrait, speech, new(steps, 7, 1.05, 1.1, Rife: true), units);
        Assert.Equal(units, frames.Count);
        AssertClose(expected, frames, tolerance: 2);
    }

    [Fact]
    public void Animate_WithoutRife_BlendsTheMiddleFrames()
    {
        var portrait = Portrait(Size);
        var speech = Speech(60);
        using var animator = Open(models.Fp32NoRife);

        var frames = Frames(animator, Request(portrait, speech, 3));

        AssertClose(ReferenceSonicEngine.Render(portrait, speech, new(3, 7, 1.05, 1.1, Rife: false), 60), frames, tolerance: 2);
        Assert.Contains("blended", animator.Info.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Animate_ManifestConstants_ChangeGuidanceAndWindows()
    {
        var folder = Path.Combine(models.Root, "constants");
        ArithmeticSonicModels.Write(folder, half: false, withRife: true, new
        {
            resolution = new { min = 64, max = 512 },
            constants = new { image_guidance = 1.5, audio_guidance = 3.0, window = 10, shift = 3, fps = 25.0, decode_chunk = 3 },
        });
        var portrait = Portrait(Size);
        var speech = Speech(50);
        using var animator = Open(folder);

        var frames = Frames(animator, Request(portrait, speech, 3, motion: 0.8f, dynamic: 1.3f));

        var expected = ReferenceSonicEngine.Render(
            portrait, speech, new(3, 7, 0.8, 1.3, Rife: true, ImageGuidance: 1.5, AudioGuidance: 3.0, Window: 10, Shift: 3, Fps: 25.0), 50);
        AssertClose(expected, frames, tolerance: 2);
    }

    [Fact]
    public void Animate_Fp16ImageNetworks_AreConvertedAtTheBoundary()
    {
        var portrait = Portrait(Size);
        var speech = Speech(40);
        using var animator = Open(models.Fp16);

        var frames = Frames(animator, Request(portrait, speech, 3));

        // fp16 keeps ~3 significant digits through the UNet and decoder: a few levels of 255 at most.
        AssertClose(ReferenceSonicEngine.Render(portrait, speech, new(3, 7, 1.05, 1.1, Rife: true), 40), frames, tolerance: 6);
    }

    [Fact]
    public void Animate_SameSeed_IsDeterministic_AndAnotherSeedIsNot()
    {
        var portrait = Portrait(Size);
        var speech = Speech(40);
        using var animator = Open(models.Fp32);

        var first = Frames(animator, Request(portrait, speech, 2, seed: 11));
        var again = Frames(animator, Request(portrait, speech, 2, seed: 11));
        var other = Frames(animator, Request(portrait, speech, 2, seed: 12));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Animate_Speech_MovesTheFramesThroughTheAudioBranch()
    {
        // With the audio guidance at 7.5 the per-frame tokens must change the picture from frame to frame.
        var portrait = Portrait(Size);
        using var animator = Open(models.Fp32);

        var frames = Frames(animator, Request(portrait, Speech(50), 3));

        var differing = frames.Zip(frames.Skip(2)).Count(pair => !pair.First.AsSpan().SequenceEqual(pair.Second));
        Assert.True(differing > frames.Count / 2, $"only {differing} of {frames.Count - 2} frame pairs differ");
    }

    [Fact]
    public void Info_NamesSonicAndTheProvider()
    {
        using var animator = Open(models.Fp32);

        Assert.Equal("sonic", animator.Info.Name);
        Assert.True(animator.Info.IsSonic);
        Assert.Equal("CPU", animator.Info.ExecutionProvider);
    }

    [Fact]
    public void Open_FolderMissingTheUnet_FailsWithModelInvalid()
    {
        var folder = Path.Combine(models.Root, "broken");
        ArithmeticSonicModels.Write(folder, half: false, withRife: false);
        File.Delete(Path.Combine(folder, "unet.onnx"));

        var error = Assert.Throws<SonicJobException>(() => Open(folder));

        Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
        Assert.Contains("unet.onnx is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Animate_CropOutsideTheModelsLimitsInStrictMode_IsRefusedBeforeAnyWork()
    {
        using var animator = Open(models.Fp32);
        var request = Request(Portrait(576), Speech(20), 2) with { SizePolicy = Sonic.Inference.Animation.CropSizePolicy.Strict };

        // Thrown by Animate itself, before the stream is read: no network has run.
        var error = Assert.Throws<SonicJobException>(() => animator.Animate(request, CancellationToken.None));

        Assert.Equal(ErrorCodes.ResolutionUnsupported, error.Code);
        Assert.Contains("64–512 px", error.Message, StringComparison.Ordinal);
        Assert.Contains("set min_resolution to 512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Animate_WithoutSpeechSamples_FailsWithAClearCode()
    {
        using var animator = Open(models.Fp32);

        var error = Assert.Throws<SonicJobException>(() => animator.Animate(Request(Portrait(Size), [], 2), CancellationToken.None));

        Assert.Equal(ErrorCodes.AudioEmpty, error.Code);
    }

    [Fact]
    public void Animate_Cancelled_StopsWithOperationCanceled()
    {
        using var animator = Open(models.Fp32);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Frames(animator, Request(Portrait(Size), Speech(40), 2), cancel.Token));
    }

    [Fact]
    public void Animate_ReportsWorkDone_RisingThroughTheStepsBeforeTheFirstFrame()
    {
        using var animator = Open(models.Fp32);
        var reports = new List<(double Value, int FramesSeen)>();
        var framesSeen = 0;
        var progress = new InlineProgress(value => reports.Add((value, framesSeen)));

        foreach (var frame in animator.Animate(Request(Portrait(Size), Speech(40), 4) with { WorkDone = progress }, CancellationToken.None))
        {
            framesSeen++;
        }

        var beforeFrames = reports.Where(r => r.FramesSeen == 0).Select(r => r.Value).ToList();
        // Conditioning, one per step, then the first frame's own report just before it leaves.
        Assert.Equal(6, beforeFrames.Count);
        Assert.True(beforeFrames[4] >= 0.85, $"sampling done reported as {beforeFrames[4]}");
        Assert.Equal(reports.Select(r => r.Value).Order(), reports.Select(r => r.Value));
        Assert.Equal(1.0, reports[^1].Value, 6);
    }

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
