using System.Globalization;
using Google.Protobuf;
using Onnx;

namespace Sonic.Inference.Onnx.Graphs;

/// <summary>
/// A small helper that appends ONNX nodes and initializers to a <see cref="GraphProto"/> and hands back
/// <see cref="GraphValue"/> handles, so a graph (the built-in animator's warp, the Sonic sampler's device-side
/// arithmetic, the engine tests' stand-in networks) can be written as arithmetic instead of raw protobuf.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly Dictionary<float, GraphValue> floatConstants = [];
    private int nextId;

    public GraphProto Graph { get; } = new() { Name = "graph" };

    public GraphValue Input(string name, TensorProto.Types.DataType elementType, params object[] dims)
    {
        Graph.Input.Add(ValueInfo(name, elementType, dims));
        return new GraphValue(this, name);
    }

    /// <summary>An input of <paramref name="elementType"/> with no declared shape (any rank, any dimensions).</summary>
    public GraphValue InputOfAnyShape(string name, TensorProto.Types.DataType elementType)
    {
        Graph.Input.Add(ShapelessValueInfo(name, elementType));
        return new GraphValue(this, name);
    }

    /// <summary>An output with no declared shape.</summary>
    public void OutputOfAnyShape(GraphValue value, string name, TensorProto.Types.DataType elementType)
    {
        RenameProducerOutput(value, name);
        Graph.Output.Add(ShapelessValueInfo(name, elementType));
    }

    /// <summary>The graph as a model: IR 8, default domain at opset 17 (what ORT 1.31 and the tests expect).</summary>
    public ModelProto ToModel(string producer, string? docString = null)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producer, DocString = docString ?? string.Empty, Graph = Graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }

    public void Output(GraphValue value, string name, TensorProto.Types.DataType elementType, params object[] dims)
    {
        RenameProducerOutput(value, name);
        Graph.Output.Add(ValueInfo(name, elementType, dims));
    }

    // Rename by an Identity-free route: the producing node's output becomes the graph output name.
    private void RenameProducerOutput(GraphValue value, string name)
    {
        var producer = Graph.Node.Last(n => n.Output.Contains(value.Name));
        var index = producer.Output.IndexOf(value.Name);
        producer.Output[index] = name;
    }

    /// <summary>A float scalar (rank 0) constant; equal values share one initializer.</summary>
    public GraphValue Scalar(float value)
    {
        if (floatConstants.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var tensor = new TensorProto { Name = NewName("c"), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        Graph.Initializer.Add(tensor);
        var handle = new GraphValue(this, tensor.Name);
        floatConstants[value] = handle;
        return handle;
    }

    public GraphValue FloatTensor(float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = NewName("f"), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(values);
        Graph.Initializer.Add(tensor);
        return new GraphValue(this, tensor.Name);
    }

    public GraphValue Int64Tensor(long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = NewName("i"), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(dims);
        tensor.Int64Data.Add(values);
        Graph.Initializer.Add(tensor);
        return new GraphValue(this, tensor.Name);
    }

    public GraphValue Int64Vector(params long[] values) => Int64Tensor(values, values.Length);

    public GraphValue Int64Scalar(long value) => Int64Tensor([value]);

    /// <summary>Appends one node with a single output and returns that output.</summary>
    public GraphValue Node(string opType, IEnumerable<GraphValue?> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = NewName(opType) };
        node.Input.Add(inputs.Select(i => i?.Name ?? string.Empty));
        node.Output.Add(node.Name + "_out");
        node.Attribute.Add(attributes);
        Graph.Node.Add(node);
        return new GraphValue(this, node.Output[0]);
    }

    /// <summary>Appends one node with <paramref name="outputCount"/> outputs (e.g. Split).</summary>
    public GraphValue[] Nodes(string opType, int outputCount, IEnumerable<GraphValue?> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = NewName(opType) };
        node.Input.Add(inputs.Select(i => i?.Name ?? string.Empty));
        node.Output.Add(Enumerable.Range(0, outputCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"{node.Name}_out{i}")));
        node.Attribute.Add(attributes);
        Graph.Node.Add(node);
        return [.. node.Output.Select(name => new GraphValue(this, name))];
    }

    public GraphValue Node(string opType, params GraphValue[] inputs) => Node(opType, inputs.Cast<GraphValue?>());

    public static AttributeProto Attribute(string name, long value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, string value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    public static AttributeProto Attribute(string name, TensorProto value)
        => new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };

    private string NewName(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}_{nextId++}");

    private static ValueInfoProto ShapelessValueInfo(string name, TensorProto.Types.DataType elementType) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType } },
    };

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType elementType, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                long value => new TensorShapeProto.Types.Dimension { DimValue = value },
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                _ => throw new ArgumentException($"Unsupported dimension {dim}.", nameof(dims)),
            });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }
}
