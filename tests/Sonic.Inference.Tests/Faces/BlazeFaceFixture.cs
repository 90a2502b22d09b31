using Microsoft.Extensions.Logging.Abstractions;
using Sonic.Inference.Faces;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Tests.Faces;

/// <summary>One real BlazeFace session (the model installed by scripts/setup.sh) shared by the detector tests.</summary>
public sealed class BlazeFaceFixture : IDisposable
{
    public BlazeFaceFixture()
        => Detector = new BlazeFaceDetector(
            new FaceDetectorOptions(),
            new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance),
            NullLogger<BlazeFaceDetector>.Instance);

    public BlazeFaceDetector Detector { get; }

    public void Dispose() => Detector.Dispose();
}
