using System.Diagnostics;
using Sonic.Inference.Animation;
using Xunit.Abstractions;

namespace Sonic.Inference.Tests.Animation;

/// <summary>
/// Prints frames per second at 512 and 1024 (the benchmark measures the target properly; numbers here vary with
/// machine load). Asserts only that every frame came out.
/// </summary>
public sealed class BuiltinAnimatorTimingTests(BuiltinAnimatorFixture fixture, ITestOutputHelper output)
    : IClassFixture<BuiltinAnimatorFixture>
{
    [Theory]
    [InlineData(512, 60)]
    [InlineData(1024, 30)]
    public void Animate_Timing_PrintsFramesPerSecond(int size, int frames)
    {
        const int warmUp = 3;
        var request = new AnimationRequest(
            PortraitSamples.CloseUp(size), SyntheticFeatures.Bursts(frames + warmUp, 6), 1.1f, 1.05f, 72589, 25);

        var count = 0;
        var clock = new Stopwatch();
        foreach (var frame in fixture.Animator.Animate(request, CancellationToken.None))
        {
            count++;
            if (count == warmUp)
            {
                clock.Start();
            }
        }

        clock.Stop();
        var fps = frames / clock.Elapsed.TotalSeconds;
        output.WriteLine(
            $"builtin animator {size}x{size}: {fps:F1} frames/s ({clock.Elapsed.TotalMilliseconds / frames:F1} ms/frame) " +
            $"on {fixture.Animator.Info.ExecutionProvider}, {Environment.ProcessorCount} cores");
        Assert.Equal(frames + warmUp, count);
    }
}
