using Google.Protobuf;
using Onnx;
using Sonic.Inference.Onnx.Graphs;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Generates the built-in animator: an ONNX graph (opset 17, IR 8) written by this code, never a committed file.
/// Per frame it builds a smooth backward displacement field on a coarse grid (jaw drop, lip spread, eyelids, brows,
/// small head motion that fades to zero at the crop edges), upsamples it, warps the crop with GridSample, darkens
/// the opening between the lips, and returns tightly packed RGBA bytes.
/// </summary>
/// <remarks>
/// Inputs: <c>image</c> float [1,3,H,W] holding RGB in 0..255 <b>plus 0.5</b> (so the final Cast, which truncates,
/// rounds — this saves a full-resolution Round and Clip); <c>landmarks</c> float [8] in crop pixels (mouth centre on the lip line, right eye,
/// left eye, nose; x then y); <c>audio</c> float [4] smoothed <see cref="Sonic.Media.Audio.AudioFeatures"/> columns;
/// <c>controls</c> float [9] (see the <c>Control*</c> indices). Output: <c>rgba</c> uint8 [1,H,W,4].
/// H and W are dynamic, so one session serves every crop size. All controls at zero give the identity image.
/// </remarks>
public static class BuiltinAnimatorModel
{
    /// <summary>Bump when the graph's behaviour changes; logged with every session.</summary>
    public const int Version = 2;

    public const string Name = "builtin-animator";

    public const string ImageInput = "image";
    public const string LandmarksInput = "landmarks";
    public const string AudioInput = "audio";
    public const string ControlsInput = "controls";
    public const string RgbaOutput = "rgba";

    public const int LandmarkCount = 8;
    public const int ControlCount = 9;

    public const int ControlBlinkRight = 0;
    public const int ControlBlinkLeft = 1;

    /// <summary>Head roll in radians (before motion scale).</summary>
    public const int ControlRoll = 2;

    /// <summary>Apparent yaw/pitch/shift in units of the inter-ocular distance (before motion scale).</summary>
    public const int ControlYaw = 3;
    public const int ControlPitch = 4;
    public const int ControlShiftX = 5;
    public const int ControlShiftY = 6;
    public const int ControlDynamicScale = 7;
    public const int ControlMotionScale = 8;

    /// <summary>Side of the coarse grid on which the displacement field is computed before upsampling.</summary>
    public const int FlowGridSize = 128;

    private static readonly Lazy<byte[]> CachedBytes = new(() => Build().ToByteArray());

    /// <summary>The serialized model, generated once per process.</summary>
    public static byte[] Bytes => CachedBytes.Value;

    public static ModelProto Build() => Build(GraphLayout.Default);

    internal static ModelProto Build(GraphLayout layout)
    {
        var b = new OnnxGraphBuilder();
        b.Graph.Name = Name;

        var image = b.Input(ImageInput, DataType.Float, 1, 3, "height", "width");
        var landmarks = b.Input(LandmarksInput, DataType.Float, LandmarkCount);
        var audio = b.Input(AudioInput, DataType.Float, Sonic.Media.Audio.AudioFeatures.Dimension);
        var controls = b.Input(ControlsInput, DataType.Float, ControlCount);

        var rig = FaceRig.Create(b, landmarks, audio, controls);

        // Crop size from the image itself: one graph for every crop size.
        var heightWidth = b.Node("Shape", [image], OnnxGraphBuilder.Attribute("start", 2), OnnxGraphBuilder.Attribute("end", 4));
        var heightF = Cast(b, Element(b, heightWidth, 0), DataType.Float);
        var widthF = Cast(b, Element(b, heightWidth, 1), DataType.Float);

        // Coarse grid over the crop, corners included (align_corners), in crop pixels.
        var unit = b.FloatTensor(
            Enumerable.Range(0, FlowGridSize).Select(i => i / (float)(FlowGridSize - 1)).ToArray(), FlowGridSize);
        var gridX = Reshape(b, unit * (widthF - 1f), 1, FlowGridSize);
        var gridY = Reshape(b, unit * (heightF - 1f), FlowGridSize, 1);

        var (sourceX, sourceY) = rig.SourceOf(gridX, gridY, widthF, heightF);

        // Normalise to GridSample's [-1, 1] with align_corners = 0 (pixel j ↔ (2j + 1)/W − 1): that setting with zero
        // padding is ONNX Runtime's precomputed-plan fast path for bilinear sampling. The edge window keeps every
        // source inside the crop, so zero padding never shows.
        var normX = ((sourceX * 2f) + 1f) / widthF - 1f;
        var normY = ((sourceY * 2f) + 1f) / heightF - 1f;
        var coarse = b.Node(
            "Concat",
            [Unsqueeze(b, normX, 0, 3), Unsqueeze(b, normY, 0, 3)],
            OnnxGraphBuilder.Attribute("axis", 3));

        // Linear upsampling with align_corners reproduces an affine field (the identity grid) exactly, so zero
        // controls warp nothing.
        var sizes = b.Node("Concat", [b.Int64Vector(1), heightWidth, b.Int64Vector(2)], OnnxGraphBuilder.Attribute("axis", 0));
        var grid = b.Node(
            "Resize",
            [coarse, null, null, sizes],
            OnnxGraphBuilder.Attribute("mode", "linear"),
            OnnxGraphBuilder.Attribute("coordinate_transformation_mode", "align_corners"));

        // Mouth interior: per-column terms, combined with each band's rows in four full-resolution single-channel ops.
        var columns = b.Node("Range", b.Scalar(0f), widthF, b.Scalar(1f));
        var rows = b.Node("Range", b.Scalar(0f), heightF, b.Scalar(1f));
        var interior = rig.MouthInterior(columns, widthF, heightF);
        var rowColumn = Reshape(b, rows, -1, 1);

        // Horizontal bands: ONNX Runtime's GridSample allocates a per-pixel sampling plan on every run; bands keep
        // that allocation small enough to be reused instead of freshly mapped (and keep the working set in cache).
        var bands = layout.Bands;
        GraphValue[] gridBands = [grid];
        GraphValue[] rowBands = [rowColumn];
        if (bands > 1)
        {
            var height = Element(b, heightWidth, 0);
            var bandHeight = b.Node("Div", height, b.Int64Scalar(bands));
            var lastHeight = height - (bandHeight * b.Int64Scalar(bands - 1));
            var bandRow = Unsqueeze(b, bandHeight, 0);
            var splits = b.Node(
                "Concat",
                [.. Enumerable.Repeat(bandRow, bands - 1), Unsqueeze(b, lastHeight, 0)],
                OnnxGraphBuilder.Attribute("axis", 0));
            gridBands = b.Nodes("Split", bands, [grid, splits], OnnxGraphBuilder.Attribute("axis", 1));
            rowBands = b.Nodes("Split", bands, [rowColumn, splits], OnnxGraphBuilder.Attribute("axis", 0));
        }

        var opaque = new TensorProto { DataType = (int)DataType.Uint8, RawData = ByteString.CopyFrom(255) };
        opaque.Dims.Add(1);
        var outputs = new GraphValue[bands];
        for (var band = 0; band < bands; band++)
        {
            var warped = b.Node(
                "GridSample",
                [image, gridBands[band]],
                OnnxGraphBuilder.Attribute("mode", "bilinear"),
                OnnxGraphBuilder.Attribute("padding_mode", "zeros"),
                OnnxGraphBuilder.Attribute("align_corners", 0));
            var shaded = warped * FaceRig.MouthInteriorShade(b, interior, rowBands[band]);
            var rgb = Cast(b, shaded, DataType.Uint8);
            var alphaShape = b.Node(
                "Concat",
                [b.Int64Vector(1, 1), b.Node("Shape", [gridBands[band]], OnnxGraphBuilder.Attribute("start", 1), OnnxGraphBuilder.Attribute("end", 3))],
                OnnxGraphBuilder.Attribute("axis", 0));
            var alpha = b.Node("ConstantOfShape", [alphaShape], OnnxGraphBuilder.Attribute("value", opaque));
            var planar = b.Node("Concat", [rgb, alpha], OnnxGraphBuilder.Attribute("axis", 1));
            outputs[band] = b.Node("Transpose", [planar], OnnxGraphBuilder.Attribute("perm", [0, 2, 3, 1]));
        }

        var interleaved = bands == 1 ? outputs[0] : b.Node("Concat", outputs.Cast<GraphValue?>(), OnnxGraphBuilder.Attribute("axis", 1));
        b.Output(interleaved, RgbaOutput, DataType.Uint8, 1, "height", "width", 4);

        var model = b.ToModel("SonicFunctions", "Built-in fallback animator (not Sonic): procedural warp driven by audio features.");
        model.ProducerVersion = Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return model;
    }

    internal static GraphValue Element(OnnxGraphBuilder b, GraphValue vector, long index)
        => b.Node("Gather", [vector, b.Int64Scalar(index)], OnnxGraphBuilder.Attribute("axis", 0));

    internal static GraphValue Cast(OnnxGraphBuilder b, GraphValue value, DataType to)
        => b.Node("Cast", [value], OnnxGraphBuilder.Attribute("to", (long)to));

    internal static GraphValue Reshape(OnnxGraphBuilder b, GraphValue value, params long[] shape)
        => b.Node("Reshape", value, b.Int64Vector(shape));

    internal static GraphValue Unsqueeze(OnnxGraphBuilder b, GraphValue value, params long[] axes)
        => b.Node("Unsqueeze", value, b.Int64Vector(axes));
}
