namespace Sonic.Inference.SonicEngine;

/// <summary>
/// One input or output of a contract file. <see cref="Dims"/> gives the rank; a positive entry is a fixed size the
/// file must not contradict, −1 is free (batch, frames, height, width).
/// </summary>
public sealed record ModelTensorSpec(string Name, ModelElementType ElementType, IReadOnlyList<int> Dims)
{
    public int Rank => Dims.Count;

    public static ModelTensorSpec F32(string name, params int[] dims) => new(name, ModelElementType.Float32, dims);

    public static ModelTensorSpec Any(string name, params int[] dims) => new(name, ModelElementType.Float16OrFloat32, dims);
}
