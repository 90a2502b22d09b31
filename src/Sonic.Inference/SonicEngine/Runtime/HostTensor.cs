using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// One reusable tensor in host memory, in the element type a network declares (fp32 or fp16), with an
/// <see cref="OrtValue"/> over it that stays bound across runs. The engine computes in fp32; fp16 networks are
/// converted here, at the boundary, with the vectorised <see cref="TensorPrimitives"/> conversions.
/// </summary>
internal sealed class HostTensor : IDisposable
{
    private readonly float[]? single;
    private readonly Float16[]? half;

    public HostTensor(TensorElementType elementType, params long[] shape)
    {
        Shape = shape;
        ElementType = elementType;
        var length = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        Length = length;
        switch (elementType)
        {
            case TensorElementType.Float:
                single = new float[length];
                Value = OrtValue.CreateTensorValueFromMemory(single, shape);
                break;
            case TensorElementType.Float16:
                half = new Float16[length];
                Value = OrtValue.CreateTensorValueFromMemory(half, shape);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "Only fp32 and fp16 tensors are supported.");
        }
    }

    public TensorElementType ElementType { get; }

    public IReadOnlyList<long> Shape { get; }

    public int Length { get; }

    public OrtValue Value { get; }

    /// <summary>Writes <paramref name="values"/> starting at element <paramref name="offset"/>.</summary>
    public void Write(int offset, ReadOnlySpan<float> values)
    {
        if (single is not null)
        {
            values.CopyTo(single.AsSpan(offset, values.Length));
        }
        else
        {
            TensorPrimitives.ConvertToHalf(values, AsHalf(half!.AsSpan(offset, values.Length)));
        }
    }

    /// <summary>Sets <paramref name="count"/> elements from <paramref name="offset"/> to zero.</summary>
    public void Clear(int offset, int count)
    {
        if (single is not null)
        {
            single.AsSpan(offset, count).Clear();
        }
        else
        {
            half.AsSpan(offset, count).Clear();
        }
    }

    /// <summary>Copies <paramref name="count"/> elements from <paramref name="sourceOffset"/> of <paramref name="source"/> (same type).</summary>
    public void CopyFrom(HostTensor source, int sourceOffset, int offset, int count)
    {
        if (source.ElementType != ElementType)
        {
            throw new ArgumentException("Both tensors must have the same element type.", nameof(source));
        }

        if (single is not null)
        {
            source.single.AsSpan(sourceOffset, count).CopyTo(single.AsSpan(offset, count));
        }
        else
        {
            source.half.AsSpan(sourceOffset, count).CopyTo(half.AsSpan(offset, count));
        }
    }

    /// <summary>Reads <paramref name="destination"/>.Length elements from <paramref name="offset"/> as fp32.</summary>
    public void Read(int offset, Span<float> destination)
    {
        if (single is not null)
        {
            single.AsSpan(offset, destination.Length).CopyTo(destination);
        }
        else
        {
            TensorPrimitives.ConvertToSingle(AsHalf(half!.AsSpan(offset, destination.Length)), destination);
        }
    }

    public void Dispose() => Value.Dispose();

    /// <summary>ORT's Float16 and System.Half are both IEEE binary16 bit patterns.</summary>
    private static Span<Half> AsHalf(Span<Float16> values) => System.Runtime.InteropServices.MemoryMarshal.Cast<Float16, Half>(values);
}
