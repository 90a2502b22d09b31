using Sonic.Inference.Tests.SonicEngine;
using Sonic.Media.Errors;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// Folders traced without dynamic batch or frame axes: the engine fills the audio networks' fixed batch and pads the
/// decoder's last chunk to its fixed frame count; a UNet fixed to a batch or window it cannot feed is refused when the
/// folder opens, with the numbers, rather than failing inside ONNX Runtime mid-job.
/// </summary>
public sealed class SonicFixedDimensionTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    [Fact]
    public void Animate_AudioBatchFixedToOneAndDecoderFixedToEightFrames_StreamsTheReferenceFrames()
    {
        var folder = Path.Combine(models.Root, "fixed-batch");
        ArithmeticSonicModels.Write(folder, half: false, withRife: true, SmallCrops, fixedAudioBatch: 1, fixedDecodeFrames: 8);
        var portrait = Portrait(64);
        var speech = Speech(30); // N = 15 frames: one chunk of 8 and a last one of 7, padded to 8

        using var animator = Open(folder);
        var frames = Frames(animator, Request(portrait, speech, 2));

        AssertClose(ReferenceSonicEngine.Render(portrait, speech, new(2, 7, 1.05, 1.1, Rife: true), 30), frames, tolerance: 2);
    }

    [Theory]
    [InlineData(3, 16, "unet.onnx is fixed to 16 frames per call, but the window is 25 (manifest constants.window)")]
    [InlineData(1, 25, "unet.onnx is fixed to a batch of 1; the engine runs the three guidance branches as one batch of 3")]
    public void Open_UnetFixedToABatchOrWindowTheEngineCannotFeed_IsModelInvalidWithTheNumbers(int batch, int frames, string expected)
    {
        var folder = Path.Combine(models.Root, $"unet-{batch}x{frames}");
        ContractModelFolder.Write(folder, ContractModelFolder.With(
            ContractModelFolder.Correct(), "unet.onnx", "sample", new("sample", DataType.Float16, batch, frames, 8, "h", "w")));

        var error = Assert.Throws<SonicJobException>(() => Open(folder));

        Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
