using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Animation;
using Sonic.Inference.Animation.Builtin;
using Sonic.Inference.Faces;
using Sonic.Inference.Landmarks;
using Sonic.Inference.Onnx;
using Sonic.Media.Images;
using Sonic.Testing;
using static Sonic.Inference.Tests.Animation.Mesh.ViewerMeasures;

namespace Sonic.Inference.Tests.Animation.Mesh;

/// <summary>
/// The built-in animator with <c>Sonic:Builtin:Rig = Mesh</c> on the real portrait and speech-like bursts, measured
/// as a viewer would: the landmark model on the frames finds the inner lips apart while the sound is loud and closed
/// in the pauses; the corners of the picture stay the source's.
/// </summary>
public sealed class MeshRigAnimatorTests(LandmarkModelsFixture models) : IClassFixture<LandmarkModelsFixture>, IDisposable
{
    private const int Frames = 60;
    private const int Period = 6;
    private readonly BuiltinAnimator animator = new(LandmarkModelsFixture.Sessions, NullLogger<BuiltinAnimator>.Instance, new BuiltinAnimatorOptions { Rig = BuiltinRig.Mesh });
    private readonly FaceMeshLandmarker landmarker = models.Landmarker;
    private readonly BlazeFaceDetector detector = models.Detector;

    [Fact]
    public void Animate_SpeechBursts_TheInnerLipGapFollowsTheLoudness()
    {
        using var image = new ImageLoader().Load(SampleMedia.Portrait);
        var face = detector.Detect(image.Bitmap)[0];
        var portrait = new PortraitCrop(512, image.Bitmap.GetPixelSpan().ToArray(), face);
        var audio = SyntheticFeatures.Bursts(Frames, Period);
        var warnings = new List<string>();
        var request = new AnimationRequest(portrait, audio, 1.1f, 1.0f, 7, 1, Warn: warnings.Add);

        var gaps = new List<float>();
        var corner = 0;
        foreach (var frame in animator.Animate(request, CancellationToken.None))
        {
            using var bitmap = LanczosResampler.ToBitmap(frame.Pixels, 512, 512);
            var mesh = landmarker.Locate(bitmap, face);
            gaps.Add(mesh.Points[FaceMesh.LowerInnerLip].Y - mesh.Points[FaceMesh.UpperInnerLip].Y);
            corner = Math.Max(corner, Enumerable.Range(0, 16).Max(i => Math.Abs(frame.Pixels[i * 4] - portrait.Rgba[i * 4])));
        }

        Assert.Empty(warnings);
        Assert.Equal(Frames, gaps.Count);
        var loudness = Enumerable.Range(0, Frames).Select(t => SyntheticFeatures.IsLoud(t, Period) ? 1.0 : 0.0).ToArray();
        var (best, lag) = Enumerable.Range(-1, 3).Select(l => (Correlation(loudness, [.. gaps.Select(g => (double)g)], l), l)).Max();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "sonic-mesh-rig-lipsync.txt"), $"correlation {best:F2} at lag {lag}; gaps {string.Join(" ", gaps.Select(g => g.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}\n");
        Assert.True(best >= 0.6, $"inner-lip gap vs loudness: correlation {best:F2} at lag {lag}");
        var quiet = Enumerable.Range(0, Frames).Where(t => !SyntheticFeatures.IsLoud(t, Period) && t % Period >= 3).Average(t => gaps[t]);
        var loud = Enumerable.Range(0, Frames).Where(t => SyntheticFeatures.IsLoud(t, Period) && t % Period >= 2).Average(t => gaps[t]);
        Assert.True(loud > quiet + 6, $"gap {quiet:F1} px in pauses, {loud:F1} px while loud");
        Assert.Equal(0, corner);
    }

    public void Dispose()
    {
        animator.Dispose();
    }
}
