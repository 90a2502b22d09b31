using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;
using Sonic.Inference.Landmarks;
using Sonic.Inference.Onnx;
using Sonic.Testing;

namespace Sonic.Inference.Tests.Landmarks;

/// <summary>
/// The face landmark model converted to ONNX by this project against the original TFLite file run by TensorFlow's TFLite
/// runtime (in headless Chromium): the same input gives the same 468 points and face flag.
/// </summary>
public sealed class FaceMeshConversionTests
{
    [Fact]
    public async Task ConvertedModel_GivesTheOriginalsOutputs_ForTheSameFace()
    {
        // The close-up portrait's face region squeezed to the model's 192×192 input, RGB in [0,1].
        const int size = FaceMeshModel.InputSize;
        using var portrait = SKBitmap.Decode(SampleMedia.Portrait);
        using var face = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(face))
        {
            using var image = SKImage.FromBitmap(portrait);
            canvas.DrawImage(image, SKRect.Create(96, 110, 320, 320), SKRect.Create(0, 0, size, size), new SKSamplingOptions(SKFilterMode.Linear));
        }

        var pixels = face.GetPixelSpan();
        var nhwc = new float[size * size * 3];
        var nchw = new float[size * size * 3];
        for (var p = 0; p < size * size; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                nhwc[(p * 3) + c] = nchw[(c * size * size) + p] = pixels[(p * 4) + c] / 255f;
            }
        }

        var reference = await TfliteInBrowser.RunAsync(FaceMeshModel.LoadTflite(), nhwc, [1, size, size, 3]);

        var (session, _) = new OrtSessionFactory(NullLogger<OrtSessionFactory>.Instance, preferCuda: false)
            .Create("face-mesh", FaceMeshModel.LoadOnnx().ToByteArray());
        using (session)
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(nchw, [1, 3, size, size]))]);
            var landmarks = results.First(r => r.Name == "landmarks").AsEnumerable<float>().ToArray();
            var flag = results.First(r => r.Name == "face_flag").AsEnumerable<float>().Single();

            var expectedLandmarks = Assert.Single(reference, o => o.Length == 1404);
            var expectedFlag = Assert.Single(reference, o => o.Length == 1);
            var worst = landmarks.Zip(expectedLandmarks, (a, b) => Math.Abs(a - b)).Max();
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "sonic-face-mesh-conversion.txt"), $"worst landmark difference {worst} px of 192; face flag {flag} vs {expectedFlag[0]}\n");
            // Coordinates are in 192-pixel input units; float summation order differs between the runtimes.
            Assert.True(worst < 0.01f, $"a landmark coordinate differs by {worst} input pixels from the TFLite runtime's");
            Assert.Equal(expectedFlag[0], flag, 2);
            Assert.True(flag > 0, "the model sees a face");
        }
    }
}
