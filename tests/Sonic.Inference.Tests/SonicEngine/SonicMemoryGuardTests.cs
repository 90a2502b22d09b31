using Sonic.Inference.Onnx;
using Sonic.Inference.SonicEngine;
using Sonic.Media.Errors;

namespace Sonic.Inference.Tests.SonicEngine;

/// <summary>
/// The check that refuses a GPU job before sampling when its crop cannot fit. Free GPU memory is the one input CI
/// cannot produce (no GPU): the probe is a test double here; on a GPU host nvidia-smi answers it.
/// </summary>
public sealed class SonicMemoryGuardTests
{
    private const long Gib = 1024L * 1024 * 1024;
    private static readonly SonicResolutionSupport Sizes = SonicResolutionSupport.From(new SonicResolutionLimits(512, 1024), fixedSide: null);

    [Fact]
    public void RequiredGib_PaperEstimate_GrowsWithTheTokenCount_AndTheManifestsMeasurementWins()
    {
        var paper = new SonicManifest();
        var measured = new SonicManifest { MemoryGib = new Dictionary<string, double> { ["512"] = 8.4 } };

        Assert.Equal(10.0, SonicMemoryGuard.RequiredGib(paper, 512), 1);
        Assert.Equal(16.6, SonicMemoryGuard.RequiredGib(paper, 768), 1);
        Assert.Equal(25.9, SonicMemoryGuard.RequiredGib(paper, 1024), 1);
        Assert.Equal(8.4, SonicMemoryGuard.RequiredGib(measured, 512));
    }

    [Fact]
    public void Reserve_TooLittleFreeMemory_RefusesWithTheNumbersAndASizeThatFits()
    {
        // Beyond the loaded weights: 1024 px needs ~21.2 GiB of activations, 640 px ~8.3, 576 px ~6.7; 8 GiB free.
        var guard = new SonicMemoryGuard(new FixedProbe(8 * Gib), new SonicManifest(), Sizes, unetWeightBytes: 3 * Gib);

        var error = Assert.Throws<SonicJobException>(() => guard.Reserve(1024));

        Assert.Equal(ErrorCodes.GpuMemoryInsufficient, error.Code);
        Assert.Equal(
            "A Sonic job at 1024 px needs about 21.2 GiB of GPU memory beyond the loaded weights and the GPU has 8.0 GiB free; use min_resolution 576, or a GPU with more memory.",
            error.Message);
        guard.Reserve(512).Dispose();
    }

    [Fact]
    public void Reserve_MeasuredFigure_CountsOnlyWhatTheUnetsWeightsDoNotAlreadyHold()
    {
        // Measured 9.4 GiB for one UNet call at 512 px, 3.1 GiB of it the UNet's own weights: 6.3 GiB more are needed.
        var manifest = new SonicManifest { MemoryGib = new Dictionary<string, double> { ["512"] = 9.4 } };
        var unet = (long)(3.1 * Gib);

        new SonicMemoryGuard(new FixedProbe((long)(6.4 * Gib)), manifest, Sizes, unet).Reserve(512).Dispose();
        Assert.Throws<SonicJobException>(() => new SonicMemoryGuard(new FixedProbe((long)(6.2 * Gib)), manifest, Sizes, unet).Reserve(512));
    }

    [Fact]
    public void Reserve_JobsRunningAtOnce_EachReserveTheirNeed_AndASideThatRanIsTrusted()
    {
        var probe = new FixedProbe(12 * Gib);
        var guard = new SonicMemoryGuard(probe, new SonicManifest(), Sizes, unetWeightBytes: 3 * Gib);

        var first = guard.Reserve(768);                                      // ~11.9 GiB of 12
        Assert.Throws<SonicJobException>(() => guard.Reserve(512));         // a second job would not fit beside it
        first.Dispose();

        // After a 768 px job ran, ONNX Runtime's arena holds its memory and the driver reports little free:
        // jobs up to 768 px are trusted to reuse it, a larger one is still checked.
        probe.Free = 1 * Gib;
        guard.Reserve(768).Dispose();
        guard.Reserve(512).Dispose();
        Assert.Throws<SonicJobException>(() => guard.Reserve(1024));
    }

    [Fact]
    public void Reserve_UnknownFreeMemory_DoesNotRefuse()
        => new SonicMemoryGuard(new FixedProbe(null), new SonicManifest(), Sizes, unetWeightBytes: 0).Reserve(1024).Dispose();

    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(0, "2,3", 2)]
    [InlineData(1, "2, 3", 3)]
    [InlineData(0, "GPU-4f1c…", 0)]
    public void PhysicalDevice_FollowsCudaVisibleDevices(int ortDevice, string? visible, int expected)
        => Assert.Equal(expected, SonicMemoryGuard.PhysicalDevice(ortDevice, visible));

    [Fact]
    public void NvidiaSmiProbe_WithoutTheDriverTool_ReadsAsUnknown()
    {
        // CI has no NVIDIA driver: the probe must say "unknown", not throw, so CPU hosts never refuse a job.
        Assert.Null(new NvidiaSmiMemoryProbe().FreeBytes(0));
    }

    private sealed class FixedProbe(long? free) : IGpuMemoryProbe
    {
        public long? Free { get; set; } = free;

        public long? FreeBytes(int deviceId) => Free;
    }
}
