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
        Assert.Equal(25.9, SonicMemoryGuard.RequiredGib(paper, 1024), 1);
        Assert.Equal(8.4, SonicMemoryGuard.RequiredGib(measured, 512));
    }

    [Fact]
    public void Check_TooLittleFreeMemory_RefusesWithTheNumbersAndASizeThatFits()
    {
        // 5 GiB of weights already loaded; 1024 px needs ~20.9 GiB more, 640 px ~8 GiB, 512 px ~5 GiB; 8 GiB free.
        var guard = new SonicMemoryGuard(new FixedProbe(8 * Gib), new SonicManifest(), Sizes, weightBytes: 5 * Gib);

        var error = Assert.Throws<SonicJobException>(() => guard.Check(1024));

        Assert.Equal(ErrorCodes.GpuMemoryInsufficient, error.Code);
        Assert.Equal(
            "A Sonic job at 1024 px needs about 20.9 GiB of GPU memory beyond the loaded weights and the GPU has 8.0 GiB free; use min_resolution 640, or a GPU with more memory.",
            error.Message);
        guard.Check(512);
    }

    [Fact]
    public void Check_AfterASizeRan_TrustsTheArenaForThatSizeAndSmaller()
    {
        var guard = new SonicMemoryGuard(new FixedProbe(1 * Gib), new SonicManifest(), Sizes, weightBytes: 5 * Gib);
        Assert.Throws<SonicJobException>(() => guard.Check(768));

        guard.Ran(768);

        guard.Check(768);
        guard.Check(512);
        Assert.Throws<SonicJobException>(() => guard.Check(1024));
    }

    [Fact]
    public void Check_UnknownFreeMemory_DoesNotRefuse()
        => new SonicMemoryGuard(new FixedProbe(null), new SonicManifest(), Sizes, weightBytes: 0).Check(1024);

    [Fact]
    public void NvidiaSmiProbe_WithoutTheDriverTool_ReadsAsUnknown()
    {
        // CI has no NVIDIA driver: the probe must say "unknown", not throw, so CPU hosts never refuse a job.
        Assert.Null(new NvidiaSmiMemoryProbe().FreeBytes(0));
    }

    private sealed class FixedProbe(long? free) : IGpuMemoryProbe
    {
        public long? FreeBytes(int deviceId) => free;
    }
}
