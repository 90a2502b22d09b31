namespace Sonic.Inference.SonicEngine;

/// <summary>Which element types a contract tensor accepts.</summary>
public enum ModelElementType
{
    /// <summary>Always fp32 (audio networks, scalars the engine computes in fp32).</summary>
    Float32,

    /// <summary>fp16 or fp32, chosen per file (manifest or read from the file); the engine converts at the boundary.</summary>
    Float16OrFloat32,
}
