using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Sonic.Inference.Faces;
using Sonic.Inference.Landmarks;
using Sonic.Inference.Onnx;
using Sonic.Media.Audio;
using Sonic.Media.Errors;
using Sonic.Media.Images;
using Sonic.Media.Video;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// The built-in fallback animator (not Sonic). By default the mesh rig (<see cref="MeshRigAnimation"/>: dense landmarks
/// placed once, a mesh warp per frame); for a face whose landmarks cannot be placed, or with <see cref="BuiltinRig.Graph"/>,
/// the generated <see cref="BuiltinAnimatorModel"/> graph once per audio frame: one session per animator, per call one
/// image tensor, one set of small control tensors and one output frame whose pixel buffer ONNX Runtime writes into
/// directly, reused for every frame.
/// </summary>
public sealed partial class BuiltinAnimator : IAnimator
{
    public const string AnimatorName = "builtin";
    public const string AnimatorDescription = "built-in fallback animator (not Sonic)";

    private static readonly string[] InputNames =
    [
        BuiltinAnimatorModel.ImageInput,
        BuiltinAnimatorModel.LandmarksInput,
        BuiltinAnimatorModel.AudioInput,
        BuiltinAnimatorModel.ControlsInput,
    ];

    private static readonly string[] OutputNames = [BuiltinAnimatorModel.RgbaOutput];

    private readonly InferenceSession session;
    private readonly ILogger<BuiltinAnimator> logger;
    private readonly BuiltinRig rig;
    private readonly int threads;
    private readonly Lazy<(FaceMeshLandmarker Landmarker, IReadOnlyList<(int A, int B, int C)> Triangles)?> denseLandmarks;

    public BuiltinAnimator(OrtSessionFactory sessions, ILogger<BuiltinAnimator> logger, BuiltinAnimatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        this.logger = logger;
        options ??= new BuiltinAnimatorOptions();
        threads = options.ResolveThreads();
        rig = options.Rig;
        denseLandmarks = new(() => OpenDenseLandmarks(sessions), LazyThreadSafetyMode.ExecutionAndPublication);
        (session, var provider) = sessions.Create(BuiltinAnimatorModel.Name, BuiltinAnimatorModel.Bytes, threads);
        Info = new AnimatorInfo(AnimatorName, AnimatorDescription, provider, IsSonic: false);
        Log.Ready(logger, BuiltinAnimatorModel.Version, provider, threads);
    }

    public AnimatorInfo Info { get; }

    public IEnumerable<RgbaFrame> Animate(AnimationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        return rig == BuiltinRig.Mesh && Landmarks(request) is { } mesh
            ? MeshRigAnimation.Frames(request, mesh, denseLandmarks.Value!.Value.Triangles, threads, cancellationToken)
            : Stream(request, cancellationToken);
    }

    public void Dispose()
    {
        session.Dispose();
        if (denseLandmarks.IsValueCreated)
        {
            denseLandmarks.Value?.Landmarker.Dispose();
        }
    }

    /// <summary>The face's 468 landmarks for the mesh rig, or null (and a warning) when they cannot be found.</summary>
    private FaceMesh? Landmarks(AnimationRequest request)
    {
        if (denseLandmarks.Value is not { } dense)
        {
            request.Warn?.Invoke("The dense face landmarks are not installed (run ./scripts/setup.sh); the simple rig animated this face.");
            return null;
        }

        using var bitmap = LanczosResampler.ToBitmap(request.Portrait.Rgba, request.Portrait.Size, request.Portrait.Size);
        var mesh = dense.Landmarker.Locate(bitmap, request.Portrait.Face);
        if (mesh.FaceScore >= 0.5f)
        {
            return mesh;
        }

        Log.NoDenseLandmarks(logger, mesh.FaceScore);
        request.Warn?.Invoke("The face's dense landmarks could not be placed; the simple rig animated this face.");
        return null;
    }

    private (FaceMeshLandmarker, IReadOnlyList<(int A, int B, int C)>)? OpenDenseLandmarks(OrtSessionFactory sessions)
    {
        try
        {
            return (new FaceMeshLandmarker(sessions, NullLogger<FaceMeshLandmarker>.Instance), FaceMeshModel.LoadTriangles());
        }
        catch (InferenceException ex)
        {
            Log.DenseLandmarksUnavailable(logger, ex.Message);
            return null;
        }
    }

    private IEnumerable<RgbaFrame> Stream(AnimationRequest request, CancellationToken cancellationToken)
    {
        var size = request.Portrait.Size;
        var frameCount = request.Audio.FrameCount;
        Log.Starting(logger, frameCount, size, request.Seed, Info.ExecutionProvider);

        var imageData = ToPlanarImage(request.Portrait);
        var lipLine = LipLineLocator.Locate(request.Portrait);
        Log.LipLine(logger, request.Portrait.Face.Mouth.Y, lipLine);
        var landmarks = Landmarks(request.Portrait.Face, lipLine);
        var audio = new float[AudioFeatures.Dimension];
        var controls = new float[BuiltinAnimatorModel.ControlCount];
        var frame = new RgbaFrame(size, size);

        // Tensors over managed arrays: ORT reads the arrays in place on every Run and writes the frame's own buffer.
        using var imageValue = OrtValue.CreateTensorValueFromMemory(imageData, [1, 3, size, size]);
        using var landmarksValue = OrtValue.CreateTensorValueFromMemory(landmarks, [landmarks.Length]);
        using var audioValue = OrtValue.CreateTensorValueFromMemory(audio, [audio.Length]);
        using var controlsValue = OrtValue.CreateTensorValueFromMemory(controls, [controls.Length]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(frame.Pixels, [1, size, size, 4]);
        OrtValue[] inputs = [imageValue, landmarksValue, audioValue, controlsValue];
        OrtValue[] outputs = [outputValue];

        using var runOptions = new RunOptions();
        using var stop = cancellationToken.Register(() => runOptions.Terminate = true);

        var track = new ControlTrack(request.Audio, request.Seed, request.DynamicScale, request.MotionScale);
        for (var index = 0; index < frameCount; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            track.Next(audio, controls);
            Run(runOptions, inputs, outputs, cancellationToken);
            frame.Index = index;
            yield return frame;
        }
    }

    private void Run(RunOptions runOptions, OrtValue[] inputs, OrtValue[] outputs, CancellationToken cancellationToken)
    {
        try
        {
            session.Run(runOptions, InputNames, inputs, OutputNames, outputs);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            // Terminate interrupted the run; report it as the cancellation it is.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InferenceException(BuiltinAnimatorModel.Name, ex.Message, ex);
        }
    }

    private static void Validate(AnimationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var portrait = request.Portrait;
        ArgumentNullException.ThrowIfNull(portrait);
        ArgumentNullException.ThrowIfNull(request.Audio);
        if (portrait.Size <= 1 || portrait.Rgba.Length != (long)portrait.Size * portrait.Size * 4)
        {
            throw new ArgumentException(
                $"The portrait crop must be Size×Size RGBA bytes (Size {portrait.Size}, {portrait.Rgba.Length} bytes).",
                nameof(request));
        }

        if (!float.IsFinite(request.DynamicScale) || request.DynamicScale < 0)
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter, "dynamic_scale must be a non-negative number.");
        }

        if (!float.IsFinite(request.MotionScale) || request.MotionScale < 0)
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter, "motion_scale must be a non-negative number.");
        }

        if (portrait.Face.Keypoints.Count < 4)
        {
            throw new SonicJobException(ErrorCodes.NoFaceDetected, "The face in the portrait has no eye and mouth landmarks.");
        }
    }

    /// <summary>RGBA bytes to planar float RGB, each value + 0.5 so the graph's truncating cast rounds.</summary>
    private static float[] ToPlanarImage(PortraitCrop portrait)
    {
        var pixels = portrait.Size * portrait.Size;
        var planar = GC.AllocateUninitializedArray<float>(3 * pixels);
        var rgba = portrait.Rgba;
        for (var i = 0; i < pixels; i++)
        {
            planar[i] = rgba[4 * i] + 0.5f;
            planar[pixels + i] = rgba[(4 * i) + 1] + 0.5f;
            planar[(2 * pixels) + i] = rgba[(4 * i) + 2] + 0.5f;
        }

        return planar;
    }

    /// <summary>The graph's landmarks; the mouth row is the lip line, where the jaw step must sit.</summary>
    private static float[] Landmarks(FaceDetection face, float lipLine)
        =>
        [
            face.Mouth.X, lipLine,
            face.RightEye.X, face.RightEye.Y,
            face.LeftEye.X, face.LeftEye.Y,
            face.Nose.X, face.Nose.Y,
        ];

    private static partial class Log
    {
        [LoggerMessage(EventId = 340, Level = LogLevel.Warning, Message = "The mesh rig is configured but the dense landmarks cannot be loaded ({Reason}); the graph rig animates")]
        public static partial void DenseLandmarksUnavailable(ILogger logger, string reason);

        [LoggerMessage(EventId = 341, Level = LogLevel.Information, Message = "Dense landmarks not placed (face score {Score:F2}); the graph rig animates this face")]
        public static partial void NoDenseLandmarks(ILogger logger, float score);

        [LoggerMessage(EventId = 300, Level = LogLevel.Information,
            Message = "Built-in fallback animator (not Sonic) v{Version} ready on the {Provider} execution provider, {Threads} threads")]
        public static partial void Ready(ILogger logger, int version, string provider, int threads);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information,
            Message = "Built-in animator: {Frames} frames at {Size}x{Size}, seed {Seed}, on {Provider}")]
        public static partial void Starting(ILogger logger, int frames, int size, int seed, string provider);

        [LoggerMessage(EventId = 302, Level = LogLevel.Debug,
            Message = "Built-in animator: mouth keypoint at y {Keypoint:F1}, lip line at y {LipLine:F1} (crop pixels)")]
        public static partial void LipLine(ILogger logger, float keypoint, float lipLine);
    }
}
