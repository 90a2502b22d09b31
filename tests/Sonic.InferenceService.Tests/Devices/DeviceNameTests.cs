using Sonic.InferenceService.Devices;
using Sonic.Testing;

namespace Sonic.InferenceService.Tests.Devices;

/// <summary>
/// The device name /v1/info reports, read from a /proc laid out as the NVIDIA driver and the kernel write it (the
/// GPU files are written here: CI has no GPU; the CPU case also reads this machine's real /proc).
/// </summary>
public sealed class DeviceNameTests : IDisposable
{
    private readonly string proc = Directory.CreateTempSubdirectory("sonic-proc-").FullName;

    [Fact]
    public void Describe_Cuda_NamesTheGpuModelFromTheDriver()
    {
        Gpu("0000:01:00.0", "NVIDIA H100 80GB HBM3");

        Assert.Equal("NVIDIA H100 80GB HBM3", DeviceName.Describe("CUDA", proc));
    }

    [Fact]
    public void Describe_CudaWithSeveralGpus_NamesTheFirstInBusOrderAndCountsThem()
    {
        Gpu("0000:41:00.0", "NVIDIA A100-SXM4-80GB");
        Gpu("0000:01:00.0", "Tesla T4");

        Assert.Equal("Tesla T4 (1 of 2 visible GPUs)", DeviceName.Describe("CUDA", proc));
    }

    [Fact]
    public void Describe_CudaWithoutDriverFiles_FallsBackToTheVisibleDevice()
    {
        Assert.StartsWith("CUDA device ", DeviceName.Describe("CUDA", proc), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Cpu_NamesTheProcessorModelAndCores()
    {
        File.WriteAllText(Path.Combine(proc, "cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9554 64-Core Processor\n");

        Assert.Equal($"AMD EPYC 9554 64-Core Processor, {Environment.ProcessorCount} cores", DeviceName.Describe("CPU", proc));
    }

    [Fact]
    public void Describe_CpuOnThisMachine_ReadsTheRealProcessorName()
    {
        var expected = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name", StringComparison.Ordinal)).Split(':', 2)[1].Trim();

        Assert.Equal($"{expected}, {Environment.ProcessorCount} cores", DeviceName.Describe("CPU"));
    }

    public void Dispose() => TestPaths.TryDeleteFolder(proc);

    private void Gpu(string bus, string model)
    {
        var folder = Directory.CreateDirectory(Path.Combine(proc, "driver", "nvidia", "gpus", bus)).FullName;
        File.WriteAllText(Path.Combine(folder, "information"), $"Model: \t\t {model}\nIRQ:   \t\t 132\nGPU UUID: \t GPU-5d2c0b6e\nBus Type: \t PCIe\n");
    }
}
