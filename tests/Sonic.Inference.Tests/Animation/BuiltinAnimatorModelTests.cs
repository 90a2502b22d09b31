using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sonic.Inference.Animation;
using Sonic.Inference.Animation.Builtin;

namespace Sonic.Inference.Tests.Animation;

public sealed class BuiltinAnimatorModelTests
{
    [Fact]
    public void Build_GeneratedGraph_IsOpset17Ir8AndLoadsInOnnxRuntimeWithTheDocumentedSignature()
    {
        var model = BuiltinAnimatorModel.Build();

        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
        Assert.Contains(model.Graph.Node, n => n.OpType == "GridSample");

        using var session = new InferenceSession(BuiltinAnimatorModel.Bytes);
        Assert.Equal(
            [BuiltinAnimatorModel.ImageInput, BuiltinAnimatorModel.LandmarksInput, BuiltinAnimatorModel.AudioInput, BuiltinAnimatorModel.ControlsInput],
            session.InputMetadata.Keys);
        Assert.Equal(TensorElementType.Float, session.InputMetadata[BuiltinAnimatorModel.ImageInput].ElementDataType);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal(BuiltinAnimatorModel.RgbaOutput, output.Key);
        Assert.Equal(TensorElementType.UInt8, output.Value.ElementDataType);
    }

    [Fact]
    public void Run_ZeroAudioAndControls_ReturnsTheCropUnchanged()
    {
        var portrait = PortraitSamples.CloseUp(512);

        var output = RunOnce(BuiltinAnimatorModel.Bytes, portrait, new float[4], new float[BuiltinAnimatorModel.ControlCount]);

        var whole = new PixelBox(0, 0, 512, 512);
        var diff = whole.MeanAbsDiff(portrait.Rgba, output, 512);
        Assert.True(diff < 0.05, $"mean abs diff {diff:F3} levels");
        Assert.All(Enumerable.Range(0, 512 * 512), i => Assert.Equal(255, output[(4 * i) + 3]));
    }

    [Fact]
    public void Run_BandedAndSingleBandLayouts_ProduceIdenticalPixels()
    {
        var portrait = PortraitSamples.CloseUp(256);
        float[] audio = [0.9f, 0.4f, 0.2f, 0.5f];
        float[] controls = [0.7f, 0.7f, 0.03f, 0.05f, -0.03f, 0.02f, 0.01f, 1.5f, 1.5f];
        var single = Google.Protobuf.MessageExtensions.ToByteArray(BuiltinAnimatorModel.Build(new GraphLayout(1)));

        var banded = RunOnce(BuiltinAnimatorModel.Bytes, portrait, audio, controls);
        var whole = RunOnce(single, portrait, audio, controls);

        Assert.Equal(whole, banded);
        Assert.True(new PixelBox(0, 0, 256, 256).MeanAbsDiff(portrait.Rgba, banded, 256) > 1, "the controls moved nothing");
    }

    private static byte[] RunOnce(byte[] model, PortraitCrop portrait, float[] audio, float[] controls)
    {
        var size = portrait.Size;
        var image = new float[3 * size * size];
        for (var i = 0; i < size * size; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                image[(c * size * size) + i] = portrait.Rgba[(4 * i) + c] + 0.5f;
            }
        }

        var face = portrait.Face;
        float[] landmarks = [face.Mouth.X, face.Mouth.Y, face.RightEye.X, face.RightEye.Y, face.LeftEye.X, face.LeftEye.Y, face.Nose.X, face.Nose.Y];
        using var session = new InferenceSession(model);
        using var imageValue = OrtValue.CreateTensorValueFromMemory(image, [1, 3, size, size]);
        using var landmarksValue = OrtValue.CreateTensorValueFromMemory(landmarks, [landmarks.Length]);
        using var audioValue = OrtValue.CreateTensorValueFromMemory(audio, [audio.Length]);
        using var controlsValue = OrtValue.CreateTensorValueFromMemory(controls, [controls.Length]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(
            runOptions,
            [BuiltinAnimatorModel.ImageInput, BuiltinAnimatorModel.LandmarksInput, BuiltinAnimatorModel.AudioInput, BuiltinAnimatorModel.ControlsInput],
            [imageValue, landmarksValue, audioValue, controlsValue],
            [BuiltinAnimatorModel.RgbaOutput]);
        Assert.Equal([1L, size, size, 4], outputs[0].GetTensorTypeAndShape().Shape);
        return outputs[0].GetTensorDataAsSpan<byte>().ToArray();
    }
}
