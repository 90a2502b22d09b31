namespace Sonic.Inference.Landmarks.Tflite;

/// <summary>One tensor of a TFLite subgraph: its shape (NHWC for images), element type, buffer and name.</summary>
internal sealed record TfliteTensor(int Index, string Name, int[] Shape, TfliteType Type, int Buffer);

/// <summary>One operator: the builtin op, its input and output tensor indices, and its options table (if any).</summary>
internal sealed record TfliteOperator(TfliteOp Op, int[] Inputs, int[] Outputs, FlatBufferTable? Options);

/// <summary>TFLite's TensorType values this reader knows.</summary>
internal enum TfliteType : sbyte
{
    Float32 = 0,
    Float16 = 1,
    Int32 = 2,
}

/// <summary>TFLite's BuiltinOperator values the face landmark models use.</summary>
internal enum TfliteOp
{
    Add = 0,
    Concatenation = 2,
    Conv2D = 3,
    DepthwiseConv2D = 4,
    Dequantize = 6,
    MaxPool2D = 17,
    Reshape = 22,
    Pad = 34,
    Prelu = 54,
}

/// <summary>
/// The first subgraph of a TFLite flatbuffer (schema: tensorflow/lite/schema/schema.fbs): tensors, operators in
/// execution order, inputs, outputs and the raw buffers. Field numbers follow that schema.
/// </summary>
internal sealed class TfliteModel
{
    private readonly IReadOnlyList<FlatBufferTable> buffers;

    private TfliteModel(IReadOnlyList<FlatBufferTable> buffers, List<TfliteTensor> tensors, List<TfliteOperator> operators, int[] inputs, int[] outputs)
    {
        this.buffers = buffers;
        Tensors = tensors;
        Operators = operators;
        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyList<TfliteTensor> Tensors { get; }

    public IReadOnlyList<TfliteOperator> Operators { get; }

    public int[] Inputs { get; }

    public int[] Outputs { get; }

    public static TfliteModel Read(byte[] bytes)
    {
        var model = FlatBufferTable.Root(bytes);

        // OperatorCode: 0 deprecated_builtin_code (byte), 3 builtin_code (int); the larger one is the op.
        var codes = model.Tables(1).Select(c => Math.Max(c.SByte(0), c.Int(3))).ToArray();
        var subgraph = model.Tables(2)[0];
        var tensors = subgraph.Tables(0)
            .Select((t, i) => new TfliteTensor(i, t.String(3) ?? $"t{i}", t.Ints(0), (TfliteType)t.SByte(1), (int)t.UInt(2)))
            .ToList();
        var operators = subgraph.Tables(3)
            .Select(o => new TfliteOperator((TfliteOp)codes[(int)o.UInt(0)], o.Ints(1), o.Ints(2), o.Table(4)))
            .ToList();
        return new TfliteModel(model.Tables(4), tensors, operators, subgraph.Ints(1), subgraph.Ints(2));
    }

    /// <summary>The constant data behind a tensor (weights), empty for activations.</summary>
    public ReadOnlySpan<byte> Data(TfliteTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor.Buffer < buffers.Count ? buffers[tensor.Buffer].Bytes(0) : [];
    }
}
