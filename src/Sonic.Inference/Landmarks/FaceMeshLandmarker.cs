using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Landmarks;

/// <summary>
/// Dense face landmarks from MediaPipe's face mesh model (converted to ONNX, see <see cref="FaceMeshModel"/>), placed
/// as MediaPipe's face mesh graph places them: a square region around the detected face 1.5 times its longer side,
/// rotated so the eyes are level, resampled to 192×192 (RGB in [0,1]); the 468 points come back through the same
/// rotation and scale. One session; calls are serialised.
/// </summary>
public sealed partial class FaceMeshLandmarker : IDisposable
{
    private const float RegionScale = 1.5f;

    private readonly Lock gate = new();
    private readonly InferenceSession session;
    private readonly ILogger logger;

    public FaceMeshLandmarker(OrtSessionFactory sessionFactory, ILogger<FaceMeshLandmarker> logger, string? packedAssetsPath = null)
    {
        ArgumentNullException.ThrowIfNull(sessionFactory);
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        var model = FaceMeshModel.LoadOnnx(packedAssetsPath);
        (session, ExecutionProvider) = sessionFactory.Create(FaceMeshModel.ModelName, Google.Protobuf.MessageExtensions.ToByteArray(model));
        Log.Ready(logger, ExecutionProvider);
    }

    public string ExecutionProvider { get; }

    /// <summary>The mesh of <paramref name="face"/> (a detection in <paramref name="image"/>'s pixels).</summary>
    public FaceMesh Locate(SKBitmap image, FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        const int size = FaceMeshModel.InputSize;

        // MediaPipe: rotation = −atan2(−(y_left − y_right), x_left − x_right), so the eyes are level in the crop.
        var rotation = -MathF.Atan2(-(face.LeftEye.Y - face.RightEye.Y), face.LeftEye.X - face.RightEye.X);
        var side = Math.Max(face.Box.Width, face.Box.Height) * RegionScale;
        var (cx, cy) = (face.Box.CenterX, face.Box.CenterY);

        var input = new DenseTensor<float>([1, 3, size, size]);
        using (var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.Black);
            canvas.Translate(size / 2f, size / 2f);
            canvas.Scale(size / side);
            canvas.RotateRadians(-rotation);
            canvas.Translate(-cx, -cy);
            using var source = SKImage.FromBitmap(image);
            canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
            using var pixmap = surface.PeekPixels();
            PlanarRgb.FromRgba(pixmap.GetPixelSpan(), input.Buffer.Span);
        }

        float[] raw;
        float flag;
        lock (gate)
        {
            try
            {
                using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", input)]);
                raw = [.. results.First(r => r.Name == "landmarks").AsEnumerable<float>()];
                flag = results.First(r => r.Name == "face_flag").AsEnumerable<float>().First();
            }
            catch (OnnxRuntimeException ex)
            {
                throw new InferenceException(FaceMeshModel.ModelName, ex.Message, ex);
            }
        }

        var (cos, sin) = (MathF.Cos(rotation), MathF.Sin(rotation));
        var scale = side / size;
        var points = new MeshPoint[FaceMeshModel.Points];
        for (var i = 0; i < points.Length; i++)
        {
            var (u, v) = ((raw[i * 3] - (size / 2f)) * scale, (raw[(i * 3) + 1] - (size / 2f)) * scale);
            points[i] = new MeshPoint(cx + (u * cos) - (v * sin), cy + (u * sin) + (v * cos), raw[(i * 3) + 2] * scale);
        }

        var score = 1f / (1f + MathF.Exp(-flag));
        Log.Located(logger, score);
        return new FaceMesh(points, score);
    }

    public void Dispose() => session.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Face mesh landmarks (MediaPipe, converted from TFLite) run on {Provider}")]
        public static partial void Ready(ILogger logger, string provider);

        [LoggerMessage(EventId = 331, Level = LogLevel.Debug, Message = "Face mesh located, face score {Score:F2}")]
        public static partial void Located(ILogger logger, float score);
    }
}
