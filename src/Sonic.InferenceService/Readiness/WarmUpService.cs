using System.Diagnostics;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Media.Audio;
using Sonic.Pipeline.Models;

namespace Sonic.InferenceService.Readiness;

/// <summary>
/// At start, verifies the configured Sonic folder (an unusable one is logged as an error by
/// <see cref="AnimatorCatalog"/> and the service runs builtin by default), creates the default model's animator (its
/// ONNX Runtime sessions: CUDA when they load, else CPU, logged by OrtSessionFactory) and animates one frame of a
/// synthetic face, so the first real job pays no session or kernel start-up and /readyz tells the platform when to
/// route traffic.
/// </summary>
public sealed partial class WarmUpService(IServiceProvider services, ReadinessState readiness, ILogger<WarmUpService> logger) : BackgroundService
{
    private const int BuiltinSide = 128;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
        () =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var catalog = services.GetRequiredService<AnimatorCatalog>();
                var model = catalog.DefaultModel;
                var animator = catalog.Resolve(model);

                // Sonic refuses crops below its manifest's minimum resolution (a multiple of 64).
                var side = animator.Info.IsSonic ? catalog.Sonic.Report!.Resolutions.Native : BuiltinSide;
                var frames = animator.Animate(SyntheticRequest(side), stoppingToken).Take(1).Count();
                if (frames != 1)
                {
                    throw new InvalidOperationException($"the warm-up made {frames} frames instead of 1");
                }

                readiness.Ready(clock.Elapsed.TotalSeconds, model);
                Log.Ready(logger, animator.Info.Name, animator.Info.ExecutionProvider, clock.Elapsed.TotalSeconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // Not ready is the answer to any failure here; the process stays up to say so.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                readiness.Failed(ex.Message.Split('\n', 2)[0]);
                Log.WarmUpFailed(logger, ex);
            }
        },
        stoppingToken);

    /// <summary>
    /// A grey square with a face box and BlazeFace's six keypoints where a frontal face has them (laid out on 128 px,
    /// scaled to <paramref name="side"/>), one feature row, and the two 40 ms units of silent 16 kHz speech that make
    /// one Sonic frame.
    /// </summary>
    private static AnimationRequest SyntheticRequest(int side)
    {
        var rgba = new byte[side * side * 4];
        Array.Fill(rgba, (byte)128);
        var s = side / (float)BuiltinSide;
        var face = new FaceDetection(
            new BoxF(32 * s, 32 * s, 64 * s, 64 * s),
            [new PointF2(50 * s, 52 * s), new PointF2(78 * s, 52 * s), new PointF2(64 * s, 66 * s), new PointF2(64 * s, 82 * s), new PointF2(34 * s, 58 * s), new PointF2(94 * s, 58 * s)],
            0.9f);
        var features = new AudioFeatures(1, new float[AudioFeatures.Dimension]);
        var speech = new float[2 * AudioFeatures.SamplesPerFrameAt16k];
        return new AnimationRequest(new PortraitCrop(side, rgba, face), features, 1.0f, 1.0f, 0, 1, speech);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Ready: default model {Animator} on {Provider}, warm-up {Seconds:F2} s")]
        public static partial void Ready(ILogger logger, string animator, string provider, double seconds);

        [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Warm-up failed; /readyz stays 503")]
        public static partial void WarmUpFailed(ILogger logger, Exception exception);
    }
}
