using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;
using Sonic.Media.Images;
using Sonic.Pipeline.Faces;

namespace Sonic.Pipeline.Tests.Faces;

/// <summary>A real FaceStage: the real image loader and one real BlazeFace session for all tests of a class.</summary>
public sealed class FaceStageFixture : IDisposable
{
    public FaceStageFixture()
    {
        Detector = new BlazeFaceDetector(new FaceDetectorOptions(), new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance), NullLogger<BlazeFaceDetector>.Instance);
        Stage = new FaceStage(new ImageLoader(), Detector, NullLogger<FaceStage>.Instance);
    }

    public BlazeFaceDetector Detector { get; }

    public FaceStage Stage { get; }

    public void Dispose() => Detector.Dispose();
}
