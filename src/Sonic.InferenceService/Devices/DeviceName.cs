using System.Runtime.InteropServices;

namespace Sonic.InferenceService.Devices;

/// <summary>
/// A readable name for the device the models run on, for <c>GET /v1/info</c>. CUDA: the GPU model the NVIDIA driver
/// lists under <c>/proc/driver/nvidia/gpus/*/information</c> (visible inside containers that the NVIDIA runtime
/// starts), e.g. "NVIDIA H100 80GB HBM3"; CPU: the processor's model name from <c>/proc/cpuinfo</c>. Each falls back to
/// what the environment says when the files are missing (another OS, a locked-down sandbox).
/// </summary>
public static class DeviceName
{
    public static string Describe(string executionProvider, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(executionProvider);
        if (executionProvider == "CUDA")
        {
            var gpus = NvidiaGpus(procRoot);
            if (gpus.Count > 0)
            {
                // The provider uses device 0 of those the container may see.
                return gpus.Count == 1 ? gpus[0] : $"{gpus[0]} (1 of {gpus.Count} visible GPUs)";
            }

            var visible = Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") ?? Environment.GetEnvironmentVariable("NVIDIA_VISIBLE_DEVICES") ?? "0";
            return $"CUDA device {visible}";
        }

        var cpu = CpuModel(procRoot) ?? RuntimeInformation.ProcessArchitecture.ToString();
        return $"{cpu}, {Environment.ProcessorCount} cores";
    }

    /// <summary>The "Model:" line of each GPU's information file, in bus order.</summary>
    public static IReadOnlyList<string> NvidiaGpus(string procRoot)
    {
        var folder = Path.Combine(procRoot, "driver", "nvidia", "gpus");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.GetDirectories(folder)
            .Order(StringComparer.Ordinal)
            .Select(gpu => Field(Path.Combine(gpu, "information"), "Model"))
            .OfType<string>()];
    }

    public static string? CpuModel(string procRoot) => Field(Path.Combine(procRoot, "cpuinfo"), "model name");

    /// <summary>The value after "key:" on the first line that starts with <paramref name="key"/>.</summary>
    private static string? Field(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
                {
                    var value = line[(colon + 1)..].Trim();
                    return value.Length > 0 ? value : null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not readable here: the caller falls back to the environment.
        }

        return null;
    }
}
