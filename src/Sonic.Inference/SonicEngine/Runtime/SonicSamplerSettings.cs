namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>One job's sampler inputs that are not tensors: steps, seed, the two bucket scales and the constants.</summary>
internal sealed record SonicSamplerSettings(int Steps, int Seed, float MotionScale, float DynamicScale, SonicConstants Constants);
