namespace Sonic.Inference.SonicEngine;

/// <summary>The crop sizes (shorter side, pixels) a model folder supports; multiples of 64 upstream.</summary>
public sealed record SonicResolutionLimits(int Min = 256, int Max = 1024);
