using Sonic.Inference.Animation;
using Sonic.Inference.SonicEngine;
using Sonic.Inference.Tests.Animation;
using Xunit.Abstractions;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// Measures the 25 fps fallback used without rife.onnx on real talking-head motion: a 25 fps clip from the built-in
/// animator (a photo, speech-like bursts, head sway) is cut to 12.5 fps, the dropped frames are rebuilt by
/// <see cref="FrameRateConversion.Blend"/> and by plain repetition, and both are scored (PSNR) against the frames that
/// were dropped. The numbers are printed; models/README.md quotes them.
/// </summary>
public sealed class FrameRateFallbackMeasurementTests(BuiltinAnimatorFixture fixture, ITestOutputHelper output) : IClassFixture<BuiltinAnimatorFixture>
{
    [Fact]
    public void Blend_RebuildsDroppedFramesCloserThanRepeatingThem()
    {
        const int size = 256;
        var request = new AnimationRequest(PortraitSamples.CloseUp(size), SyntheticFeatures.Bursts(100, 6), 1.1f, 1.05f, 3, 25);
        var frames = fixture.Animator.Animate(request, CancellationToken.None).Select(f => ToUnit(f.Pixels)).ToList();

        double blendError = 0, repeatError = 0;
        var middle = new float[frames[0].Length];
        var rebuilt = 0;
        for (var i = 1; i + 1 < frames.Count; i += 2)
        {
            FrameRateConversion.Blend(frames[i - 1], frames[i + 1], middle);
            blendError += MeanSquaredError(middle, frames[i]);
            repeatError += MeanSquaredError(frames[i - 1], frames[i]);
            rebuilt++;
        }

        var blendPsnr = Psnr(blendError / rebuilt);
        var repeatPsnr = Psnr(repeatError / rebuilt);
        output.WriteLine($"{rebuilt} dropped frames rebuilt: blend {blendPsnr:F1} dB, repeat {repeatPsnr:F1} dB PSNR");
        Assert.True(blendPsnr > repeatPsnr, $"blend {blendPsnr:F1} dB is not above repeat {repeatPsnr:F1} dB");
    }

    private static float[] ToUnit(byte[] rgba)
    {
        var values = new float[rgba.Length / 4 * 3];
        for (var p = 0; p < rgba.Length / 4; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                values[(p * 3) + c] = rgba[(p * 4) + c] / 255f;
            }
        }

        return values;
    }

    private static double MeanSquaredError(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum / a.Length;
    }

    private static double Psnr(double mse) => 10 * Math.Log10(1 / Math.Max(mse, 1e-12));
}
