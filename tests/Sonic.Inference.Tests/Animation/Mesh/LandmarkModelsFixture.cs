using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Faces;
using Sonic.Inference.Landmarks;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Tests.Animation.Mesh;

/// <summary>
/// The real face detector and the converted landmark model, opened once per test class: the rig tests measure their
/// frames with them as a viewer's independent eye would.
/// </summary>
public sealed class LandmarkModelsFixture : IDisposable
{
    public static OrtSessionFactory Sessions { get; } = new(NullLogger<OrtSessionFactory>.Instance, preferCuda: false);

    public FaceMeshLandmarker Landmarker { get; } = new(Sessions, NullLogger<FaceMeshLandmarker>.Instance);

    public BlazeFaceDetector Detector { get; } = new(new FaceDetectorOptions(), Sessions, NullLogger<BlazeFaceDetector>.Instance);

    public void Dispose()
    {
        Landmarker.Dispose();
        Detector.Dispose();
    }
}
