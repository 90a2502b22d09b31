using System.Buffers.Binary;
using Onnx;
using Sonic.Inference.Onnx.Graphs;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.Landmarks.Tflite;

/// <summary>
/// Converts a TFLite image model (NHWC) into an ONNX graph (NCHW) that ONNX Runtime runs: the ops MediaPipe's face
/// landmark model uses — convolution, depthwise convolution, PReLU, add, max pooling, pad, and fp16 weights
/// dequantized at conversion time. Weights are transposed to ONNX's layouts once; "SAME" padding becomes explicit
/// pads (the extra pixel at the end, as TFLite puts it). The image input is <c>image</c> [1,3,H,W]; outputs are
/// flattened to [1, n] and named by the caller.
/// </summary>
internal static class TfliteToOnnx
{
    public static ModelProto Convert(TfliteModel model, IReadOnlyList<string> outputNames, string producer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(outputNames);
        var g = new OnnxGraphBuilder();
        var values = new Dictionary<int, GraphValue>();
        var constants = new Dictionary<int, float[]>();

        var input = model.Tensors[model.Inputs[0]];
        values[input.Index] = g.Input("image", DataType.Float, 1, input.Shape[3], input.Shape[1], input.Shape[2]);

        foreach (var op in model.Operators)
        {
            var output = model.Tensors[op.Outputs[0]];
            switch (op.Op)
            {
                case TfliteOp.Dequantize:
                    constants[output.Index] = Constant(model, model.Tensors[op.Inputs[0]], constants);
                    break;
                case TfliteOp.Conv2D:
                    values[output.Index] = Activation(g, Conv(g, model, op, values, constants, depthwise: false), op.Options?.SByte(3) ?? 0);
                    break;
                case TfliteOp.DepthwiseConv2D:
                    values[output.Index] = Activation(g, Conv(g, model, op, values, constants, depthwise: true), op.Options?.SByte(4) ?? 0);
                    break;
                case TfliteOp.Prelu:
                    var alpha = Constant(model, model.Tensors[op.Inputs[1]], constants);
                    values[output.Index] = g.Node("PRelu", values[op.Inputs[0]], g.FloatTensor(alpha, alpha.Length, 1, 1));
                    break;
                case TfliteOp.Add:
                    values[output.Index] = Activation(g, Value(g, model, op.Inputs[0], values, constants) + Value(g, model, op.Inputs[1], values, constants), op.Options?.SByte(0) ?? 0);
                    break;
                case TfliteOp.MaxPool2D:
                    values[output.Index] = MaxPool(g, model, op, values);
                    break;
                case TfliteOp.Pad:
                    values[output.Index] = Pad(g, model, op, values);
                    break;
                default:
                    throw new NotSupportedException($"TFLite op {op.Op} ({(int)op.Op}) is not converted.");
            }
        }

        for (var i = 0; i < model.Outputs.Length; i++)
        {
            var tensor = model.Tensors[model.Outputs[i]];
            var count = tensor.Shape.Skip(1).Aggregate(1, (a, d) => a * d);
            // NHWC [1,1,1,n] is NCHW [1,n,1,1]: flattening either gives the same n values.
            var flat = g.Node("Flatten", [values[tensor.Index]], OnnxGraphBuilder.Attribute("axis", 1L));
            g.Output(flat, outputNames[i], DataType.Float, 1, count);
        }

        return g.ToModel(producer);
    }

    private static GraphValue Conv(
        OnnxGraphBuilder g, TfliteModel model, TfliteOperator op, Dictionary<int, GraphValue> values, Dictionary<int, float[]> constants, bool depthwise)
    {
        var x = model.Tensors[op.Inputs[0]];
        var filter = model.Tensors[op.Inputs[1]];
        var weights = Constant(model, filter, constants);
        var options = op.Options;
        var (strideW, strideH) = (options?.Int(1, 1) ?? 1, options?.Int(2, 1) ?? 1);
        var (dilationW, dilationH) = depthwise
            ? (options?.Int(5, 1) ?? 1, options?.Int(6, 1) ?? 1)
            : (options?.Int(4, 1) ?? 1, options?.Int(5, 1) ?? 1);
        var same = (options?.SByte(0) ?? 0) == 0;

        // TFLite filters: conv [O,H,W,I], depthwise [1,H,W,C·M]. ONNX: [O,I/group,H,W].
        int outChannels, inPerGroup, kh, kw;
        if (depthwise)
        {
            (outChannels, inPerGroup, kh, kw) = (filter.Shape[3], 1, filter.Shape[1], filter.Shape[2]);
        }
        else
        {
            (outChannels, inPerGroup, kh, kw) = (filter.Shape[0], filter.Shape[3], filter.Shape[1], filter.Shape[2]);
        }

        var onnxWeights = new float[weights.Length];
        for (var o = 0; o < outChannels; o++)
        {
            for (var i = 0; i < inPerGroup; i++)
            {
                for (var y = 0; y < kh; y++)
                {
                    for (var xw = 0; xw < kw; xw++)
                    {
                        var source = depthwise
                            ? (((y * kw) + xw) * outChannels) + o
                            : (((((o * kh) + y) * kw) + xw) * inPerGroup) + i;
                        onnxWeights[(((((o * inPerGroup) + i) * kh) + y) * kw) + xw] = weights[source];
                    }
                }
            }
        }

        var (top, bottom) = same ? SamePadding(x.Shape[1], kh, strideH, dilationH) : (0, 0);
        var (left, right) = same ? SamePadding(x.Shape[2], kw, strideW, dilationW) : (0, 0);
        List<GraphValue?> inputs = [values[x.Index], g.FloatTensor(onnxWeights, outChannels, inPerGroup, kh, kw)];
        if (op.Inputs.Length > 2 && op.Inputs[2] >= 0)
        {
            inputs.Add(g.FloatTensor(Constant(model, model.Tensors[op.Inputs[2]], constants), outChannels));
        }

        return g.Node(
            "Conv",
            inputs,
            OnnxGraphBuilder.Attribute("kernel_shape", [(long)kh, kw]),
            OnnxGraphBuilder.Attribute("strides", [(long)strideH, strideW]),
            OnnxGraphBuilder.Attribute("dilations", [(long)dilationH, dilationW]),
            OnnxGraphBuilder.Attribute("pads", [(long)top, left, bottom, right]),
            OnnxGraphBuilder.Attribute("group", depthwise ? x.Shape[3] : 1L));
    }

    private static GraphValue MaxPool(OnnxGraphBuilder g, TfliteModel model, TfliteOperator op, Dictionary<int, GraphValue> values)
    {
        var x = model.Tensors[op.Inputs[0]];
        var options = op.Options;
        var (strideW, strideH, kw, kh) = (options?.Int(1, 1) ?? 1, options?.Int(2, 1) ?? 1, options?.Int(3, 1) ?? 1, options?.Int(4, 1) ?? 1);
        var same = (options?.SByte(0) ?? 0) == 0;
        var (top, bottom) = same ? SamePadding(x.Shape[1], kh, strideH, 1) : (0, 0);
        var (left, right) = same ? SamePadding(x.Shape[2], kw, strideW, 1) : (0, 0);
        var pooled = g.Node(
            "MaxPool",
            [values[x.Index]],
            OnnxGraphBuilder.Attribute("kernel_shape", [(long)kh, kw]),
            OnnxGraphBuilder.Attribute("strides", [(long)strideH, strideW]),
            OnnxGraphBuilder.Attribute("pads", [(long)top, left, bottom, right]));
        return Activation(g, pooled, options?.SByte(5) ?? 0);
    }

    private static GraphValue Pad(OnnxGraphBuilder g, TfliteModel model, TfliteOperator op, Dictionary<int, GraphValue> values)
    {
        // paddings int32 [4,2] in NHWC order: (before, after) per axis.
        var paddings = model.Data(model.Tensors[op.Inputs[1]]);
        var p = new long[8];
        for (var i = 0; i < 8; i++)
        {
            p[i] = BinaryPrimitives.ReadInt32LittleEndian(paddings[(i * 4)..]);
        }

        // p = [N before, N after, H before, H after, W before, W after, C before, C after]; ONNX: all befores, then afters (NCHW).
        long[] pads = [p[0], p[6], p[2], p[4], p[1], p[7], p[3], p[5]];
        return g.Node("Pad", values[op.Inputs[0]], g.Int64Vector(pads));
    }

    /// <summary>TFLite's fused activation: 0 none, 1 ReLU, 3 ReLU6.</summary>
    private static GraphValue Activation(OnnxGraphBuilder g, GraphValue x, sbyte activation) => activation switch
    {
        0 => x,
        1 => g.Node("Relu", x),
        3 => g.Node("Clip", x, g.Scalar(0f), g.Scalar(6f)),
        _ => throw new NotSupportedException($"TFLite fused activation {activation} is not converted."),
    };

    /// <summary>"SAME" padding for one axis: as much as the strided output needs, the odd pixel at the end.</summary>
    private static (int Before, int After) SamePadding(int size, int kernel, int stride, int dilation)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + ((kernel - 1) * dilation) + 1 - size, 0);
        return (total / 2, total - (total / 2));
    }

    private static GraphValue Value(OnnxGraphBuilder g, TfliteModel model, int index, Dictionary<int, GraphValue> values, Dictionary<int, float[]> constants)
        => values.TryGetValue(index, out var value) ? value : g.FloatTensor(Constant(model, model.Tensors[index], constants), model.Tensors[index].Shape.Select(d => (long)d).ToArray());

    /// <summary>A weight tensor as floats: already dequantized, or read from its buffer (fp32 or fp16).</summary>
    private static float[] Constant(TfliteModel model, TfliteTensor tensor, Dictionary<int, float[]> constants)
    {
        if (constants.TryGetValue(tensor.Index, out var known))
        {
            return known;
        }

        var data = model.Data(tensor);
        return tensor.Type switch
        {
            TfliteType.Float32 => Singles(data),
            TfliteType.Float16 => Halves(data),
            _ => throw new NotSupportedException($"TFLite tensor '{tensor.Name}' of type {tensor.Type} is not a weight this converter reads."),
        };
    }

    private static float[] Singles(ReadOnlySpan<byte> data)
    {
        var values = new float[data.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        }

        return values;
    }

    private static float[] Halves(ReadOnlySpan<byte> data)
    {
        var values = new float[data.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(i * 2)..]);
        }

        return values;
    }
}
