namespace Sonic.Inference.SonicEngine;

public enum ModelFileStatus
{
    Ok,
    Invalid,
    Missing,

    /// <summary>An optional file (rife.onnx) that is absent: allowed, the engine uses its fallback.</summary>
    Absent,
}
