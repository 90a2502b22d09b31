using Sonic.Inference.SonicEngine.Parity;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// One job's sampler inputs that are not tensors: steps, seed, the two bucket scales and the constants; for parity
/// runs, the noise to start from instead of the seed's and the trace that hears each step's latents.
/// </summary>
internal sealed record SonicSamplerSettings(int Steps, int Seed, float MotionScale, float DynamicScale, SonicConstants Constants, float[]? Noise = null, ISonicTrace? Trace = null);
