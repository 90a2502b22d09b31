using System.Globalization;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.Tests.SonicEngine;

/// <summary>
/// Writes tiny ONNX files shaped like the Sonic contract (names, ranks, dtypes written out here by hand, not read
/// from the product's contract table) so the verifier can be checked against a folder whose correctness the test
/// knows. Each output is a ConstantOfShape of ones (free dimensions 1): enough for ONNX Runtime to load the file and report metadata.
/// Shared by the CLI tests (linked into Sonic.Pipeline.Tests).
/// </summary>
internal static class ContractModelFolder
{
    internal sealed record Tensor(string Name, DataType Type, params object[] Dims);

    internal sealed record File(string Name, Tensor[] Inputs, Tensor[] Outputs);

    private const DataType F32 = DataType.Float;
    private const DataType F16 = DataType.Float16;

    /// <summary>The contract as SONIC_ENGINE.md lists it, with fp16 image networks as upstream exports them.</summary>
    public static List<File> Correct(bool withRife = true)
    {
        var files = new List<File>
        {
            new("whisper_encoder.onnx", [new("input_features", F32, 1, 80, 3000)], [new("hidden_states", F32, 1, 1500, 5, 384)]),
            new("audio2token.onnx", [new("audio_window", F32, "B", 10, 5, 384)], [new("audio_tokens", F32, "B", 32, 1024)]),
            new("audio2bucket.onnx", [new("audio_window", F32, "B", 50, 1, 384), new("clip_embeds", F32, "B", 1024)], [new("buckets", F32, "B", 2)]),
            new("clip_image_encoder.onnx", [new("pixel_values", F16, 1, 3, 224, 224)], [new("image_embeds", F16, 1, 1024)]),
            new("vae_encoder.onnx", [new("image", F16, 1, 3, "H", "W")], [new("latent_mean", F16, 1, 4, "h", "w")]),
            new("unet.onnx",
                [
                    new("sample", F16, "B", "F", 8, "h", "w"), new("timestep", F32, 1), new("clip_embeds", F16, "B", 1, 1024),
                    new("audio_tokens", F16, "B", "F", 32, 1024), new("added_time_ids", F32, "B", 3), new("face_mask", F16, 1, 1, "H", "W"),
                ],
                [new("v_pred", F16, "B", "F", 4, "h", "w")]),
            new("vae_decoder.onnx", [new("latents", F16, "F", 4, "h", "w")], [new("frames", F16, "F", 3, "H", "W")]),
        };
        if (withRife)
        {
            files.Add(new("rife.onnx", [new("img0", F32, 1, 3, "H", "W"), new("img1", F32, 1, 3, "H", "W")], [new("middle", F32, 1, 3, "H", "W")]));
        }

        return files;
    }

    public static void Write(string directory, IEnumerable<File> files)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            System.IO.File.WriteAllBytes(Path.Combine(directory, file.Name), Build(file).ToByteArray());
        }
    }

    /// <summary>Replaces one tensor (by file and name) in a copy of <paramref name="files"/>.</summary>
    public static List<File> With(List<File> files, string fileName, string tensorName, Tensor replacement)
        => [.. files.Select(f => f.Name != fileName ? f : f with
        {
            Inputs = [.. f.Inputs.Select(t => t.Name == tensorName ? replacement : t)],
            Outputs = [.. f.Outputs.Select(t => t.Name == tensorName ? replacement : t)],
        })];

    private static ModelProto Build(File file)
    {
        var graph = new GraphProto { Name = Path.GetFileNameWithoutExtension(file.Name) };
        foreach (var input in file.Inputs)
        {
            graph.Input.Add(ValueInfo(input.Name, input.Type, input.Dims));
        }

        foreach (var output in file.Outputs)
        {
            var shape = new TensorProto { Name = output.Name + "_shape", DataType = (int)DataType.Int64 };
            shape.Dims.Add(output.Dims.Length);
            shape.Int64Data.Add(output.Dims.Select(d => d is int fixedSize ? (long)fixedSize : 1L));
            graph.Initializer.Add(shape);

            var one = new TensorProto { DataType = (int)output.Type };
            one.Dims.Add(1);
            if (output.Type == F16)
            {
                one.Int32Data.Add(0x3C00); // fp16 1.0, stored as its bit pattern
            }
            else
            {
                one.FloatData.Add(1f);
            }

            var node = new NodeProto { OpType = "ConstantOfShape", Name = output.Name + "_node" };
            node.Input.Add(shape.Name);
            node.Output.Add(output.Name);
            node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = one });
            graph.Node.Add(node);

            // ORT reports the inferred output shape (the constant's), so free dimensions show up as 1 there.
            graph.Output.Add(ValueInfo(output.Name, output.Type, [.. output.Dims.Select((_, i) => (object)string.Create(CultureInfo.InvariantCulture, $"{output.Name}_{i}"))]));
        }

        var model = new ModelProto { IrVersion = 8, ProducerName = "SonicFunctions tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is int value
                ? new TensorShapeProto.Types.Dimension { DimValue = value }
                : new TensorShapeProto.Types.Dimension { DimParam = (string)dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
