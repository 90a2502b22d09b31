namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>A dense row-major float tensor: a stage's values with its shape.</summary>
public sealed record SonicTensor(int[] Shape, float[] Values)
{
    public string ShapeText => "[" + string.Join(",", Shape) + "]";
}
