using System.Diagnostics;
using Sonic.Inference.Animation;
using Sonic.Inference.Faces;
using Sonic.Media.Audio;

namespace Sonic.InferenceService.Readiness;

/// <summary>
/// At start, creates the animator (its ONNX Runtime session: CUDA when it loads, else CPU, chosen once here and
/// logged by OrtSessionFactory) and animates one frame of a synthetic face, so the first real job pays no session
/// or kernel start-up and /readyz tells the platform when to route traffic.
/// </summary>
public sealed partial class WarmUpService(IServiceProvider services, ReadinessState readiness, ILogger<WarmUpService> logger) : BackgroundService
{
    private const int Side = 128;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(
        () =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var animator = services.GetRequiredService<IAnimator>();
                var frames = animator.Animate(SyntheticRequest(), stoppingToken).Take(1).Count();
                if (frames != 1)
                {
                    throw new InvalidOperationException($"the warm-up made {frames} frames instead of 1");
                }

                readiness.Ready(clock.Elapsed.TotalSeconds);
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

    /// <summary>A grey square with a face box and BlazeFace's six keypoints where a frontal face has them, one feature row.</summary>
    private static AnimationRequest SyntheticRequest()
    {
        var rgba = new byte[Side * Side * 4];
        Array.Fill(rgba, (byte)128);
        var face = new FaceDetection(
            new BoxF(32, 32, 64, 64),
            [new PointF2(50, 52), new PointF2(78, 52), new PointF2(64, 66), new PointF2(64, 82), new PointF2(34, 58), new PointF2(94, 58)],
            0.9f);
        var features = new AudioFeatures(1, new float[AudioFeatures.Dimension]);
        return new AnimationRequest(new PortraitCrop(Side, rgba, face), features, 1.0f, 1.0f, 0, 1);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Ready: animator {Animator} on {Provider}, warm-up {Seconds:F2} s")]
        public static partial void Ready(ILogger logger, string animator, string provider, double seconds);

        [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Warm-up failed; /readyz stays 503")]
        public static partial void WarmUpFailed(ILogger logger, Exception exception);
    }
}
