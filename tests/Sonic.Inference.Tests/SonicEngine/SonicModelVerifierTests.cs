using Sonic.Inference.SonicEngine;
using Sonic.Media.Errors;
using Sonic.Testing;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Sonic.Inference.Tests.SonicEngine;

public sealed class SonicModelVerifierTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder("sonic-models");

    [Fact]
    public void Verify_ContractShapedFolder_IsValidWithDtypesReadFromTheFiles()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.Correct());

        var report = SonicModelVerifier.Verify(folder);

        Assert.True(report.IsValid, report.Summary());
        Assert.True(report.HasRife);
        Assert.False(report.HasManifest);
        Assert.Equal(9, report.Files.Count); // eight networks and the optional face detector
        Assert.False(report.HasFaceDetector);
        Assert.Equal(ModelFileStatus.Absent, report.Files.Single(f => f.FileName == "face_detector.onnx").Status);
        Assert.Equal("fp16", report.Files.Single(f => f.FileName == "unet.onnx").Dtype);
        Assert.Equal("fp32", report.Files.Single(f => f.FileName == "audio2token.onnx").Dtype);
        Assert.Equal(7.5f, report.Manifest.Constants.AudioGuidance);
    }

    [Fact]
    public void Verify_WithoutRife_IsStillValidAndSaysRifeIsAbsent()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.Correct(withRife: false));

        var report = SonicModelVerifier.Verify(folder);

        Assert.True(report.IsValid, report.Summary());
        Assert.False(report.HasRife);
        Assert.Equal(ModelFileStatus.Absent, report.Files.Single(f => f.FileName == "rife.onnx").Status);
    }

    [Fact]
    public void Verify_TimestepInFp16_IsInvalidNamingTheTensor()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.With(
            ContractModelFolder.Correct(), "unet.onnx", "timestep", new("timestep", DataType.Float16, 1)));

        var report = SonicModelVerifier.Verify(folder);

        Assert.False(report.IsValid);
        var unet = report.Files.Single(f => f.FileName == "unet.onnx");
        Assert.Equal(ModelFileStatus.Invalid, unet.Status);
        Assert.Contains(unet.Problems, p => p.Contains("'timestep' is fp16, expected fp32", StringComparison.Ordinal));
        Assert.All(report.Files.Where(f => f.FileName is not ("unet.onnx" or "face_detector.onnx")), f => Assert.Equal(ModelFileStatus.Ok, f.Status));
    }

    [Fact]
    public void Verify_AudioWindowOfWrongRank_IsInvalid()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.With(
            ContractModelFolder.Correct(), "audio2token.onnx", "audio_window", new("audio_window", DataType.Float, "B", 10, 1920)));

        var report = SonicModelVerifier.Verify(folder);

        var file = report.Files.Single(f => f.FileName == "audio2token.onnx");
        Assert.Equal(ModelFileStatus.Invalid, file.Status);
        Assert.Contains(file.Problems, p => p.Contains("rank 3, expected 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_RenamedOutputAndWrongFixedSize_AreBothReported()
    {
        var files = ContractModelFolder.With(ContractModelFolder.Correct(), "vae_decoder.onnx", "frames", new("images", DataType.Float16, "F", 3, "H", "W"));
        files = ContractModelFolder.With(files, "whisper_encoder.onnx", "input_features", new("input_features", DataType.Float, 1, 128, 3000));
        ContractModelFolder.Write(folder, files);

        var report = SonicModelVerifier.Verify(folder);

        Assert.Contains(report.Files.Single(f => f.FileName == "vae_decoder.onnx").Problems, p => p.Contains("output 'frames' is missing", StringComparison.Ordinal));
        Assert.Contains(report.Files.Single(f => f.FileName == "whisper_encoder.onnx").Problems, p => p.Contains("dimension 1 is 128, expected 80", StringComparison.Ordinal));
        Assert.Contains("vae_decoder.onnx", report.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingUnetAndManifestDtypeDisagreeing_AreInvalid()
    {
        ContractModelFolder.Write(folder, ContractModelFolder.Correct().Where(f => f.Name != "unet.onnx"));
        File.WriteAllText(Path.Combine(folder, "manifest.json"), """{"dtypes": {"vae_decoder.onnx": "fp32"}, "constants": {"audio_guidance": 5.0}}""");

        var report = SonicModelVerifier.Verify(folder);

        Assert.True(report.HasManifest);
        Assert.Equal(5.0f, report.Manifest.Constants.AudioGuidance);
        Assert.Equal(2.0f, report.Manifest.Constants.ImageGuidance);
        Assert.Equal(ModelFileStatus.Missing, report.Files.Single(f => f.FileName == "unet.onnx").Status);
        Assert.Contains(report.Files.Single(f => f.FileName == "vae_decoder.onnx").Problems, p => p.Contains("manifest says fp32 but the file is fp16", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ManifestWithUnknownDtype_IsModelInvalid()
    {
        File.WriteAllText(Path.Combine(folder, "manifest.json"), """{"dtypes": {"unet.onnx": "bf16"}}""");

        var error = Assert.Throws<SonicJobException>(() => SonicManifestReader.Read(folder));

        Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
    }

    [Fact]
    public void Verify_FolderThatDoesNotExist_IsModelInvalid()
    {
        var error = Assert.Throws<SonicJobException>(() => SonicModelVerifier.Verify(Path.Combine(folder, "nope")));

        Assert.Equal(ErrorCodes.ModelInvalid, error.Code);
    }

    public void Dispose()
    {
        TestPaths.TryDeleteFolder(folder);
    }
}
