using Google.Protobuf;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.Onnx.Graphs;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// The sampler's own arithmetic as small ONNX graphs, so that it runs where the UNet runs and the latents never
/// leave the device between steps (CUDA has no other route from C#). Shapes are symbolic except the window length
/// and the three branches; guidance scales are baked in from the model's constants. Each graph mirrors one piece of
/// <see cref="SonicSampler"/>, which stays the reference on the host.
/// </summary>
internal static class SonicSamplerGraphs
{
    private const string Producer = "SonicFunctions sampler";

    /// <summary>
    /// Window inputs for the UNet: <c>sample</c> [3,W,8,h,w] = (c_in·latents[frame_index] on every branch) ++ image
    /// latents per branch; <c>audio_tokens</c> [3,W,32,1024] = unconditional tokens on u and a, the frames' tokens on c.
    /// </summary>
    public static byte[] WindowInputs(int window, TensorElementType sampleType, TensorElementType tokenType)
    {
        var g = new OnnxGraphBuilder();
        var latents = g.Input("latents", DataType.Float, "frames", 4, "h", "w");
        var frameIndex = g.Input("frame_index", DataType.Int64, window);
        var inputScale = g.Input("input_scale", DataType.Float, 1);
        var imageLatents = g.Input("image_latents", DataType.Float, 3, 1, 4, "h", "w");
        var tokens = g.Input("frame_tokens", Onnx(tokenType), "frames", 32, 1024);
        var unconditional = g.Input("unconditional_tokens", Onnx(tokenType), 1, 32, 1024);

        var scaled = Gather(g, latents, frameIndex) * inputScale; // [W,4,h,w]
        var noisy = g.Node("Expand", Unsqueeze(g, scaled, 0), g.Int64Vector(3, 1, 1, 1, 1));
        var image = g.Node("Expand", imageLatents, g.Int64Vector(1, window, 1, 1, 1));
        var sample = g.Node("Concat", [noisy, image], OnnxGraphBuilder.Attribute("axis", 2));
        g.Output(Cast(g, sample, DataType.Float, Onnx(sampleType)), "sample", Onnx(sampleType), 3, window, 8, "h", "w");

        var silent = g.Node("Expand", Unsqueeze(g, unconditional, 0), g.Int64Vector(2, window, 1, 1));
        var heard = Unsqueeze(g, Gather(g, tokens, frameIndex), 0);
        g.Output(g.Node("Concat", [silent, heard], OnnxGraphBuilder.Attribute("axis", 0)), "audio_tokens", Onnx(tokenType), 3, window, 32, 1024);
        return g.ToModel(Producer, "Sonic window inputs").ToByteArray();
    }

    /// <summary>
    /// Guidance and Euler step of one window: v = v_u + image·(v_a − v_u) + audio·(v_c − v_a), then
    /// stepped [W,4,h,w] = latents[frame_index]·latent_scale + v·velocity_scale (the folded Euler constants), written
    /// into the window's own slots of the step's buffer: <c>windows_next</c> = <c>windows</c> with rows
    /// <c>slots</c> replaced (slots never repeat, even when N &lt; W repeats frames, so no reduction is needed).
    /// </summary>
    public static byte[] WindowStep(int window, TensorElementType velocityType, float imageGuidance, float audioGuidance)
    {
        var g = new OnnxGraphBuilder();
        var latents = g.Input("latents", DataType.Float, "frames", 4, "h", "w");
        var velocity = g.Input("v_pred", Onnx(velocityType), 3, window, 4, "h", "w");
        var frameIndex = g.Input("frame_index", DataType.Int64, window);
        var latentScale = g.Input("latent_scale", DataType.Float, 1);
        var velocityScale = g.Input("velocity_scale", DataType.Float, 1);
        var windows = g.Input("windows", DataType.Float, "positions", 4, "h", "w");
        var slots = g.Input("slots", DataType.Int64, window, 1);

        var v = Cast(g, velocity, Onnx(velocityType), DataType.Float);
        var u = Branch(g, v, 0);
        var a = Branch(g, v, 1);
        var c = Branch(g, v, 2);
        var guided = u + (imageGuidance * (a - u)) + (audioGuidance * (c - a));
        var stepped = (Gather(g, latents, frameIndex) * latentScale) + (guided * velocityScale);
        g.Output(g.Node("ScatterND", windows, slots, stepped), "windows_next", DataType.Float, "positions", 4, "h", "w");
        return g.ToModel(Producer, "Sonic window step").ToByteArray();
    }

    /// <summary>
    /// The next step's latents from every window's stepped frames: latents[f] = Σ_k weights[f,k]·windows[positions[f,k]],
    /// the weights being 1/coverage (0 on padding), so each frame is the mean over the windows that covered it.
    /// </summary>
    public static byte[] Merge()
    {
        var g = new OnnxGraphBuilder();
        var windows = g.Input("window_latents", DataType.Float, "positions", 4, "h", "w");
        var positions = g.Input("positions", DataType.Int64, "frames", "cover");
        var weights = g.Input("weights", DataType.Float, "frames", "cover", 1, 1, 1);

        var weighted = Gather(g, windows, positions) * weights; // [N,C,4,h,w]
        var merged = g.Node("ReduceSum", [weighted, g.Int64Vector(1)], OnnxGraphBuilder.Attribute("keepdims", 0));
        g.Output(merged, "latents", DataType.Float, "frames", 4, "h", "w");
        return g.ToModel(Producer, "Sonic window merge").ToByteArray();
    }

    /// <summary>Identity of any shape: run with the input bound in one memory and the output in another, it copies.</summary>
    public static byte[] Copy(TensorElementType elementType)
    {
        var g = new OnnxGraphBuilder();
        var source = g.InputOfAnyShape("source", Onnx(elementType));
        g.OutputOfAnyShape(g.Node("Identity", source), "copy", Onnx(elementType));
        return g.ToModel(Producer, "copy").ToByteArray();
    }

    // ORT's TensorElementType numbers are ONNX's data type numbers.
    private static DataType Onnx(TensorElementType type) => (DataType)(int)type;

    private static GraphValue Gather(OnnxGraphBuilder g, GraphValue data, GraphValue indices)
        => g.Node("Gather", [data, indices], OnnxGraphBuilder.Attribute("axis", 0));

    private static GraphValue Branch(OnnxGraphBuilder g, GraphValue batched, long index)
        => g.Node("Gather", [batched, g.Int64Scalar(index)], OnnxGraphBuilder.Attribute("axis", 0));

    private static GraphValue Unsqueeze(OnnxGraphBuilder g, GraphValue value, long axis)
        => g.Node("Unsqueeze", value, g.Int64Vector(axis));

    private static GraphValue Cast(OnnxGraphBuilder g, GraphValue value, DataType from, DataType to)
        => from == to ? value : g.Node("Cast", [value], OnnxGraphBuilder.Attribute("to", (long)to));
}
