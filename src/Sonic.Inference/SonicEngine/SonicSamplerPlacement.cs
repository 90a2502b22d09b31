namespace Sonic.Inference.SonicEngine;

/// <summary>Where the Sonic sampler keeps the latents between UNet calls.</summary>
public enum SonicSamplerPlacement
{
    /// <summary>On the device when the UNet runs on CUDA (falling back to the host if that path fails), else the host.</summary>
    Auto,

    /// <summary>Host memory: every UNet call copies its window in and its prediction out.</summary>
    Host,

    /// <summary>The UNet's device, whatever it is (on the CPU provider that is host memory through the same graphs; for tests).</summary>
    Device,
}
