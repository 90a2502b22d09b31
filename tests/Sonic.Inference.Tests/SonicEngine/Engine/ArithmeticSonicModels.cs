using System.Text.Json;
using Google.Protobuf;
using Onnx;
using Sonic.Inference.Onnx.Graphs;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// Writes a model folder with exactly the contract's file, tensor names, ranks and dtypes, whose networks do small
/// arithmetic that <see cref="ReferenceSonicEngine"/> recomputes by hand. Every input the engine feeds changes the
/// output, so a wrong window, branch, scale, layout or padding shows up in the frames. The coefficients live here
/// once and both sides read them. Stand-in for the real weights, which CI cannot download (≈ 10 GB).
/// </summary>
internal static class ArithmeticSonicModels
{
    // whisper: hidden[t, l, d] = m[t] · (LayerBase + LayerStep·l + WidthStep·d), m[t] = mean of the 80×2 log-mel values of token t.
    public const double LayerBase = 0.5, LayerStep = 0.1, WidthStep = 0.001;

    // audio2token: tokens[b, j, e] = s[b] · (1 + 0.01·j − 0.0005·e) + TokenBias, s = mean of the window.
    public const double TokenBias = 0.25;

    // audio2bucket: [0.5·a + 0.1·c − 0.3, −0.4·a + 0.2], a = mean of the window, c = mean of the CLIP embedding.
    public const double BucketA0 = 0.5, BucketC0 = 0.1, BucketBias0 = -0.3, BucketA1 = -0.4, BucketBias1 = 0.2;

    // clip: embeds[k] = p · (1 − 0.001·k) + 0.05, p = mean of pixel_values.
    public const double ClipBias = 0.05;

    // vae encoder: 8×8 average pool, then latent[c] = Σ_k EncoderWeights[c,k]·pooled[k] + EncoderBias[c].
    public static readonly double[,] EncoderWeights = { { 0.5, 0.2, 0.1 }, { -0.3, 0.4, 0.2 }, { 0.1, -0.2, 0.6 }, { 0.25, 0.25, 0.25 } };
    public static readonly double[] EncoderBias = [0.1, -0.1, 0.05, 0];

    // unet: v = c_in·x + 0.5·img + 0.3·mean(tokens of the frame) + 0.2·mean(clip) + Σ TimeIdWeights·ids + 0.05·timestep + 0.3·mean(mask).
    public const double UnetImage = 0.5, UnetTokens = 0.3, UnetClip = 0.2, UnetTimestep = 0.05, UnetMask = 0.3;
    public static readonly double[] TimeIdWeights = [0.02, 0.01, -0.01];

    // vae decoder: frames[c] = tanh(Σ_k DecoderWeights[c,k]·latent[k]), each latent pixel repeated 8×8.
    public static readonly double[,] DecoderWeights = { { 1.5, 0.5, 0.2, 0.1 }, { -0.5, 1.2, 0.3, 0.2 }, { 0.3, -0.4, 1.1, 0.5 } };

    // rife: middle = 0.25·img0 + 0.75·img1 (not the blend, so the test can tell which ran).
    public const double RifeFirst = 0.25, RifeSecond = 0.75;

    public static double WhisperWeight(int layer, int width) => LayerBase + (LayerStep * layer) + (WidthStep * width);

    public static double TokenWeight(int token, int width) => 1 + (0.01 * token) - (0.0005 * width);

    public static double ClipWeight(int k) => 1 - (0.001 * k);

    /// <summary>
    /// Writes the folder; <paramref name="half"/> makes the image networks fp16 as upstream exports them, and
    /// <paramref name="fixedSide"/> fixes every picture dimension to that crop side (a graph exported at one size), and
    /// <paramref name="fixedAudioBatch"/> / <paramref name="fixedDecodeFrames"/> fix the audio networks' batch and the
    /// decoder's frame count, as a trace without dynamic axes does.
    /// </summary>
    public static void Write(string directory, bool half, bool withRife, object? manifest = null, int? fixedSide = null, int? fixedAudioBatch = null, int? fixedDecodeFrames = null)
    {
        Directory.CreateDirectory(directory);
        var image = half ? DataType.Float16 : DataType.Float;
        var px = new Spatial(fixedSide is { } side ? side : "H", fixedSide is { } s ? s / 8 : "h", fixedAudioBatch is { } b ? b : "B", fixedDecodeFrames is { } f ? f : "F");
        Save(directory, "whisper_encoder.onnx", Whisper());
        Save(directory, "audio2token.onnx", AudioToToken(px));
        Save(directory, "audio2bucket.onnx", AudioToBucket(px));
        Save(directory, "clip_image_encoder.onnx", Clip(image));
        Save(directory, "vae_encoder.onnx", VaeEncoder(image, px));
        Save(directory, "unet.onnx", Unet(image, px));
        Save(directory, "vae_decoder.onnx", VaeDecoder(image, px));
        if (withRife)
        {
            Save(directory, "rife.onnx", Rife(px));
        }

        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(directory, "manifest.json"), JsonSerializer.Serialize(manifest));
        }
    }

    /// <summary>
    /// Rows a stand-in <c>face_detector.onnx</c> returns for any image, in the input pixels of a 512×512 image (fed at
    /// 416×416): a face, a weaker duplicate of it that suppression must drop, a candidate under the objectness threshold,
    /// and a small second face. [cx, cy, w, h, objectness, 5 landmarks (x, y), class score].
    /// </summary>
    public static readonly float[][] DetectorRows =
    [
        [208, 200, 150, 180, 0.9f, 246, 172, 170, 170, 208, 205, 180, 240, 236, 240, 0.95f],
        [210, 202, 148, 176, 0.8f, 246, 172, 170, 170, 208, 205, 180, 240, 236, 240, 0.9f],
        [300, 300, 100, 100, 0.3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.99f],
        [60, 60, 40, 40, 0.95f, 50, 55, 70, 55, 60, 62, 52, 70, 68, 70, 0.9f],
    ];

    /// <summary>Writes a stand-in for upstream's YOLOv5m-face with the contract's names: <see cref="DetectorRows"/> for any image.</summary>
    public static void WriteFaceDetector(string directory)
    {
        var g = new OnnxGraphBuilder();
        var image = g.Input("image", DataType.Float, 1, 3, "H", "W");
        var zero = g.Node("ReduceMean", [image], OnnxGraphBuilder.Attribute("keepdims", 0L)) * 0f;
        var rows = g.FloatTensor([.. DetectorRows.SelectMany(r => r)], 1, DetectorRows.Length, 16);
        g.Output(rows + zero, "detections", DataType.Float, 1, DetectorRows.Length, 16);
        Save(directory, "face_detector.onnx", g);
    }

    private static OnnxGraphBuilder Whisper()
    {
        var g = new OnnxGraphBuilder();
        var x = g.Input("input_features", DataType.Float, 1, 80, 3000);
        var pairs = g.Node("Reshape", x, g.Int64Vector(1, 80, 1500, 2));
        var m = Mean(g, pairs, [1, 3], keep: false);
        var column = g.Node("Reshape", m, g.Int64Vector(1, 1500, 1, 1));
        var weights = new float[5 * 384];
        for (var l = 0; l < 5; l++)
        {
            for (var d = 0; d < 384; d++)
            {
                weights[(l * 384) + d] = (float)WhisperWeight(l, d);
            }
        }

        g.Output(column * g.FloatTensor(weights, 1, 1, 5, 384), "hidden_states", DataType.Float, 1, 1500, 5, 384);
        return g;
    }

    private static OnnxGraphBuilder AudioToToken(Spatial px)
    {
        var g = new OnnxGraphBuilder();
        var x = g.Input("audio_window", DataType.Float, px.AudioBatch, 10, 5, 384);
        var s = g.Node("Reshape", Mean(g, x, [1, 2, 3], keep: true), g.Int64Vector(-1, 1, 1));
        var weights = new float[32 * 1024];
        for (var j = 0; j < 32; j++)
        {
            for (var e = 0; e < 1024; e++)
            {
                weights[(j * 1024) + e] = (float)TokenWeight(j, e);
            }
        }

        g.Output((s * g.FloatTensor(weights, 1, 32, 1024)) + (float)TokenBias, "audio_tokens", DataType.Float, px.AudioBatch, 32, 1024);
        return g;
    }

    private static OnnxGraphBuilder AudioToBucket(Spatial px)
    {
        var g = new OnnxGraphBuilder();
        var window = g.Input("audio_window", DataType.Float, px.AudioBatch, 50, 1, 384);
        var clip = g.Input("clip_embeds", DataType.Float, px.AudioBatch, 1024);
        var a = Mean(g, window, [1, 2, 3], keep: true); // [B,1,1,1]
        var aColumn = g.Node("Reshape", a, g.Int64Vector(-1, 1));
        var c = Mean(g, clip, [1], keep: true); // [B,1]
        var b0 = (aColumn * (float)BucketA0) + (c * (float)BucketC0) + (float)BucketBias0;
        var b1 = (aColumn * (float)BucketA1) + (float)BucketBias1;
        g.Output(g.Node("Concat", [b0, b1], OnnxGraphBuilder.Attribute("axis", 1)), "buckets", DataType.Float, px.AudioBatch, 2);
        return g;
    }

    private static OnnxGraphBuilder Clip(DataType type)
    {
        var g = new OnnxGraphBuilder();
        var x = ToFloat(g, g.Input("pixel_values", type, 1, 3, 224, 224), type);
        var p = g.Node("Reshape", Mean(g, x, [1, 2, 3], keep: true), g.Int64Vector(1, 1));
        var weights = Enumerable.Range(0, 1024).Select(k => (float)ClipWeight(k)).ToArray();
        Output(g, (p * g.FloatTensor(weights, 1, 1024)) + (float)ClipBias, "image_embeds", type, 1, 1024);
        return g;
    }

    private static OnnxGraphBuilder VaeEncoder(DataType type, Spatial px)
    {
        var g = new OnnxGraphBuilder();
        var x = ToFloat(g, g.Input("image", type, 1, 3, px.Pixels, px.Pixels), type);
        var pooled = g.Node("AveragePool", [x], OnnxGraphBuilder.Attribute("kernel_shape", [8L, 8L]), OnnxGraphBuilder.Attribute("strides", [8L, 8L]));
        var latent = Conv(g, pooled, EncoderWeights, EncoderBias);
        Output(g, latent, "latent_mean", type, 1, 4, px.Latent, px.Latent);
        return g;
    }

    private static OnnxGraphBuilder Unet(DataType type, Spatial px)
    {
        var g = new OnnxGraphBuilder();
        var sample = ToFloat(g, g.Input("sample", type, "B", "F", 8, px.Latent, px.Latent), type);
        var timestep = g.Input("timestep", DataType.Float, 1);
        var clip = ToFloat(g, g.Input("clip_embeds", type, "B", 1, 1024), type);
        var tokens = ToFloat(g, g.Input("audio_tokens", type, "B", "F", 32, 1024), type);
        var ids = g.Input("added_time_ids", DataType.Float, "B", 3);
        var mask = ToFloat(g, g.Input("face_mask", type, 1, 1, px.Pixels, px.Pixels), type);

        var halves = g.Nodes("Split", 2, [sample, g.Int64Vector(4, 4)], OnnxGraphBuilder.Attribute("axis", 2));
        var tokenMean = g.Node("Unsqueeze", Mean(g, tokens, [2, 3], keep: true), g.Int64Vector(4)); // [B,F,1,1,1]
        var clipMean = g.Node("Reshape", Mean(g, clip, [1, 2], keep: true), g.Int64Vector(-1, 1, 1, 1, 1));
        var weightedIds = g.Node("ReduceSum", [ids * g.FloatTensor([.. TimeIdWeights.Select(w => (float)w)], 3), g.Int64Vector(1)], OnnxGraphBuilder.Attribute("keepdims", 1L));
        var idTerm = g.Node("Reshape", weightedIds, g.Int64Vector(-1, 1, 1, 1, 1));
        var maskMean = Mean(g, mask, [0, 1, 2, 3], keep: false);
        var v = halves[0] + (halves[1] * (float)UnetImage) + (tokenMean * (float)UnetTokens) + (clipMean * (float)UnetClip)
            + idTerm + (timestep * (float)UnetTimestep) + (maskMean * (float)UnetMask);
        Output(g, v, "v_pred", type, "B", "F", 4, px.Latent, px.Latent);
        return g;
    }

    private static OnnxGraphBuilder VaeDecoder(DataType type, Spatial px)
    {
        var g = new OnnxGraphBuilder();
        var x = ToFloat(g, g.Input("latents", type, px.DecodeFrames, 4, px.Latent, px.Latent), type);
        var colour = g.Node("Tanh", Conv(g, x, DecoderWeights, [0, 0, 0]));
        var up = g.Node(
            "Resize",
            [colour, null, g.FloatTensor([1f, 1f, 8f, 8f], 4)],
            OnnxGraphBuilder.Attribute("mode", "nearest"),
            OnnxGraphBuilder.Attribute("coordinate_transformation_mode", "asymmetric"),
            OnnxGraphBuilder.Attribute("nearest_mode", "floor"));
        Output(g, up, "frames", type, px.DecodeFrames, 3, px.Pixels, px.Pixels);
        return g;
    }

    private static OnnxGraphBuilder Rife(Spatial px)
    {
        var g = new OnnxGraphBuilder();
        var a = g.Input("img0", DataType.Float, 1, 3, px.Pixels, px.Pixels);
        var b = g.Input("img1", DataType.Float, 1, 3, px.Pixels, px.Pixels);
        g.Output((a * (float)RifeFirst) + (b * (float)RifeSecond), "middle", DataType.Float, 1, 3, px.Pixels, px.Pixels);
        return g;
    }

    /// <summary>The free dimensions of the graphs: symbolic ("H", "h", "B", "F") or fixed to one value.</summary>
    private sealed record Spatial(object Pixels, object Latent, object AudioBatch, object DecodeFrames);

    // ReduceMean keeps its axes as an attribute up to opset 17 (the opset these files use).
    private static GraphValue Mean(OnnxGraphBuilder g, GraphValue x, long[] axes, bool keep)
        => g.Node("ReduceMean", [x], OnnxGraphBuilder.Attribute("axes", axes), OnnxGraphBuilder.Attribute("keepdims", keep ? 1L : 0L));

    private static GraphValue Conv(OnnxGraphBuilder g, GraphValue x, double[,] weights, double[] bias)
    {
        var outputs = weights.GetLength(0);
        var inputs = weights.GetLength(1);
        var w = new float[outputs * inputs];
        for (var o = 0; o < outputs; o++)
        {
            for (var i = 0; i < inputs; i++)
            {
                w[(o * inputs) + i] = (float)weights[o, i];
            }
        }

        return g.Node("Conv", x, g.FloatTensor(w, outputs, inputs, 1, 1), g.FloatTensor([.. bias.Select(b => (float)b)], outputs));
    }

    private static GraphValue ToFloat(OnnxGraphBuilder g, GraphValue x, DataType type)
        => type == DataType.Float ? x : g.Node("Cast", [x], OnnxGraphBuilder.Attribute("to", (long)DataType.Float));

    private static void Output(OnnxGraphBuilder g, GraphValue x, string name, DataType type, params object[] dims)
        => g.Output(type == DataType.Float ? x : g.Node("Cast", [x], OnnxGraphBuilder.Attribute("to", (long)type)), name, type, dims);

    private static void Save(string directory, string fileName, OnnxGraphBuilder g)
    {
        File.WriteAllBytes(Path.Combine(directory, fileName), g.ToModel("SonicFunctions engine tests").ToByteArray());
    }
}
