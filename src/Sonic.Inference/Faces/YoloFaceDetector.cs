using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Faces;

/// <summary>
/// Upstream Sonic's own face detector, YOLOv5m-face (<c>face_detector.onnx</c> in a Sonic model folder, exported by
/// models/export/export_sonic_onnx.py), used as upstream's <c>AlignImage</c> uses it: the image stretched (no letterbox)
/// so its short side is 416 and each side a multiple of 32, RGB in [0,1]; candidates with objectness and score above
/// 0.5; non-maximum suppression at IoU 0.45; boxes mapped back per axis. Output <c>detections</c> [1,N,16]: cx, cy, w,
/// h, objectness, five landmarks (x, y), class score, in input pixels. Calls are serialised on one session.
/// </summary>
public sealed partial class YoloFaceDetector : IFaceDetector, IDisposable
{
    public const string FileName = "face_detector.onnx";
    public const string DetectorName = "yolov5-face";

    private const int ShortSide = 416;
    private const int Stride = 32;
    private const float ObjectThreshold = 0.5f;
    private const float ScoreThreshold = 0.5f;
    private const float IouThreshold = 0.45f;

    private readonly Lock gate = new();
    private readonly InferenceSession session;
    private readonly ILogger logger;
    private readonly (int Width, int Height)? fixedInput;

    public YoloFaceDetector(string modelPath, OrtSessionFactory sessionFactory, ILogger<YoloFaceDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(sessionFactory);
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        ModelPath = Path.GetFullPath(modelPath);
        (session, ExecutionProvider) = sessionFactory.Create(DetectorName, ModelPath);

        // An export whose picture size tracing fixed runs at that size only: every image is stretched to it.
        var dims = session.InputMetadata.TryGetValue("image", out var meta) ? meta.Dimensions : [];
        fixedInput = dims.Length == 4 && dims[2] > 0 && dims[3] > 0 ? (dims[3], dims[2]) : null;
        Log.Ready(logger, ModelPath, ExecutionProvider);
    }

    public string Name => DetectorName;

    public string ModelPath { get; }

    public string ExecutionProvider { get; }

    /// <summary>The input size upstream feeds for an image: short side 416, each side rounded up to a multiple of 32.</summary>
    public static (int Width, int Height) InputSize(int width, int height)
    {
        var r = ShortSide / (double)Math.Min(width, height);
        return ((int)((width * r) + Stride - 1) / Stride * Stride, (int)((height * r) + Stride - 1) / Stride * Stride);
    }

    public IReadOnlyList<FaceDetection> Detect(SKBitmap image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (width, height) = fixedInput ?? InputSize(image.Width, image.Height);
        var input = new DenseTensor<float>([1, 3, height, width]);
        using (var resized = image.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear)))
        {
            PlanarRgb.FromRgba(resized.GetPixelSpan(), input.Buffer.Span);
        }

        float[] rows;
        lock (gate)
        {
            try
            {
                using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", input)]);
                rows = [.. results.First(r => r.Name == "detections").AsEnumerable<float>()];
            }
            catch (OnnxRuntimeException ex)
            {
                throw new InferenceException(DetectorName, ex.Message, ex);
            }
        }

        var faces = Suppress(Candidates(rows, image.Width / (float)width, image.Height / (float)height))
            .OrderByDescending(f => f.Box.Area)
            .ToList();
        Log.Detected(logger, faces.Count, faces.Count > 0 ? faces[0].Score : 0f);
        return faces;
    }

    public void Dispose() => session.Dispose();

    private static List<FaceDetection> Candidates(float[] rows, float scaleX, float scaleY)
    {
        const int Width = 16;
        var faces = new List<FaceDetection>();
        for (var offset = 0; offset + Width <= rows.Length; offset += Width)
        {
            var r = rows.AsSpan(offset, Width);
            var objectness = r[4];
            var score = r[15] * objectness;
            if (objectness <= ObjectThreshold || score <= ScoreThreshold)
            {
                continue;
            }

            var box = new BoxF((r[0] - (r[2] / 2)) * scaleX, (r[1] - (r[3] / 2)) * scaleY, r[2] * scaleX, r[3] * scaleY);
            var at = offset;
            PointF2 Landmark(int i) => new(rows[at + 5 + (2 * i)] * scaleX, rows[at + 6 + (2 * i)] * scaleY);

            // Keypoints in this product's order (BlazeFace's): the subject's right eye (image left) first, then the
            // left eye, the nose, the mouth centre, and the ears, placed at the box's sides at eye height.
            var (a, b) = (Landmark(0), Landmark(1));
            var (rightEye, leftEye) = a.X <= b.X ? (a, b) : (b, a);
            var mouth = new PointF2((Landmark(3).X + Landmark(4).X) / 2, (Landmark(3).Y + Landmark(4).Y) / 2);
            var eyeY = (rightEye.Y + leftEye.Y) / 2;
            faces.Add(new FaceDetection(box, [rightEye, leftEye, Landmark(2), mouth, new(box.X, eyeY), new(box.X + box.Width, eyeY)], score));
        }

        return faces;
    }

    /// <summary>Greedy non-maximum suppression by score, as torchvision.ops.nms.</summary>
    private static List<FaceDetection> Suppress(List<FaceDetection> candidates)
    {
        var kept = new List<FaceDetection>();
        foreach (var face in candidates.OrderByDescending(f => f.Score))
        {
            if (kept.All(k => Iou(k.Box, face.Box) <= IouThreshold))
            {
                kept.Add(face);
            }
        }

        return kept;
    }

    private static float Iou(BoxF a, BoxF b)
    {
        var w = Math.Max(0, Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X));
        var h = Math.Max(0, Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y));
        var overlap = w * h;
        return overlap / ((a.Area + b.Area - overlap) + 1e-9f);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Upstream's face detector from {Path} runs on {Provider}")]
        public static partial void Ready(ILogger logger, string path, string provider);

        [LoggerMessage(EventId = 321, Level = LogLevel.Debug, Message = "YOLOv5-face found {Faces} faces (best score {Score:F2})")]
        public static partial void Detected(ILogger logger, int faces, float score);
    }
}
