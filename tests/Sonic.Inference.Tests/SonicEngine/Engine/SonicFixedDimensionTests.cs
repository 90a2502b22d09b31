using Sonic.Inference.SonicEngine;
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
    [InlineData(3, 16, "unet.onnx: 'sample' is fixed to 16 frames per call, but the window is 25 (manifest constants.window)")]
    [InlineData(1, 25, "unet.onnx: 'sample' is fixed to a batch of 1; the engine runs the three guidance branches as one batch of 3")]
    public void Verify_UnetFixedToABatchOrWindowTheEngineCannotFeed_IsModelInvalidWithTheNumbers(int batch, int frames, string expected)
    {
        var folder = Path.Combine(models.Root, $"unet-{batch}x{frames}");
        ContractModelFolder.Write(folder, ContractModelFolder.With(
            ContractModelFolder.Correct(), "unet.onnx", "sample", new("sample", DataType.Float16, batch, frames, 8, "h", "w")));

        // `models verify` says so, and the folder never becomes a host's default.
        Assert.False(SonicModelVerifier.Verify(folder).IsValid);
        var error = Assert.Throws<SonicJobException>(() => Open(folder));
        Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AudioNetworksFixedToDifferentBatches_IsInvalid()
    {
        var folder = Path.Combine(models.Root, "audio-1");
        ArithmeticSonicModels.Write(folder, half: false, withRife: false, SmallCrops, fixedAudioBatch: 1);
        var other = Path.Combine(models.Root, "audio-4");
        ArithmeticSonicModels.Write(other, half: false, withRife: false, SmallCrops, fixedAudioBatch: 4);
        File.Copy(Path.Combine(other, "audio2bucket.onnx"), Path.Combine(folder, "audio2bucket.onnx"), overwrite: true);

        var report = SonicModelVerifier.Verify(folder);

        Assert.False(report.IsValid);
        Assert.Contains("audio2token.onnx to 1 and audio2bucket.onnx to 4", report.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OptionalRifeFixedToAnotherSize_IsLeftOut_AndTheFolderStillRuns()
    {
        var folder = Path.Combine(models.Root, "rife-mismatch");
        ArithmeticSonicModels.Write(folder, half: false, withRife: true, fixedSide: 64);
        var other = Path.Combine(models.Root, "rife-128");
        ArithmeticSonicModels.Write(other, half: false, withRife: true, fixedSide: 128);
        File.Copy(Path.Combine(other, "rife.onnx"), Path.Combine(folder, "rife.onnx"), overwrite: true);

        var report = SonicModelVerifier.Verify(folder);

        Assert.True(report.IsValid, report.Summary());
        Assert.False(report.HasRife);
        Assert.Equal("rife.onnx", Assert.Single(report.Unusable).FileName);
        Assert.Equal([64], report.Resolutions.Sizes);
        using var animator = Open(folder);
        Assert.Equal(10, Frames(animator, Request(Portrait(64), Speech(10), 1)).Count);
        Assert.Contains("blended", animator.Info.Description, StringComparison.Ordinal);
    }
}
