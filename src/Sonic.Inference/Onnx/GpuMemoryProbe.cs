using System.Diagnostics;
using System.Globalization;

namespace Sonic.Inference.Onnx;

/// <summary>Free memory of a CUDA device, as the driver reports it; null where that cannot be read.</summary>
public interface IGpuMemoryProbe
{
    /// <summary>Free bytes on device <paramref name="deviceId"/>, or null when unknown (no driver tool, no GPU).</summary>
    long? FreeBytes(int deviceId);
}

/// <summary>
/// Reads free GPU memory with <c>nvidia-smi</c> (installed with the NVIDIA driver and mounted into GPU containers);
/// ONNX Runtime has no API for it. Anything unexpected reads as unknown, and the caller then skips its check.
/// </summary>
public sealed class NvidiaSmiMemoryProbe : IGpuMemoryProbe
{
    public long? FreeBytes(int deviceId)
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--query-gpu=memory.free", "--format=csv,noheader,nounits", "-i", deviceId.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var text = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0)
            {
                return null;
            }

            return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var mebibytes)
                ? (long)(mebibytes * 1024 * 1024)
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
