using Sonic.Inference.Animation;
using Sonic.Inference.SonicEngine;
using Sonic.Media.Errors;
using static Sonic.Inference.Tests.SonicEngine.Engine.SonicEngineFixture;

namespace Sonic.Inference.Tests.SonicEngine.Engine;

/// <summary>
/// Folders whose networks are fixed to one picture size (as a traced export is) or list their sizes: the verifier reads
/// what a folder can render, and a job asking for another size runs at the nearest one it can — never an ONNX Runtime
/// shape error midway — or, in strict mode, is refused before any network runs.
/// </summary>
public sealed class SonicResolutionTests(SonicEngineFixture models) : IClassFixture<SonicEngineFixture>
{
    private const int Fixed = 64;

    private string FixedFolder(string name = "fixed64", object? manifest = null)
    {
        var folder = Path.Combine(models.Root, name);
        if (!Directory.Exists(folder))
        {
            ArithmeticSonicModels.Write(folder, half: false, withRife: true, manifest, fixedSide: Fixed);
        }

        return folder;
    }

    [Fact]
    public void Verify_FilesFixedToOneSize_SupportThatSizeOnlyWhateverTheManifestClaims()
    {
        var report = SonicModelVerifier.Verify(FixedFolder("fixed-claims-range", new { resolution = new { min = 64, max = 1024 } }));

        Assert.True(report.IsValid, report.Summary());
        Assert.Equal([Fixed], report.Resolutions.Sizes);
        Assert.True(report.Resolutions.FixedInFiles);
        Assert.Equal(Fixed, report.Resolutions.Native);
        Assert.Equal("64 px only", report.Resolutions.Describe());
        Assert.All(report.Files.Where(f => f.FileName is "unet.onnx" or "vae_encoder.onnx" or "vae_decoder.onnx" or "rife.onnx"), f => Assert.Equal(Fixed, f.FixedSide));
    }

    [Fact]
    public void Verify_FilesFixedToDifferentSizes_IsInvalidAndSaysWhich()
    {
        var folder = Path.Combine(models.Root, "mixed");
        ArithmeticSonicModels.Write(folder, half: false, withRife: false, fixedSide: 64);
        var other = Path.Combine(models.Root, "mixed-128");
        ArithmeticSonicModels.Write(other, half: false, withRife: false, fixedSide: 128);
        File.Copy(Path.Combine(other, "vae_decoder.onnx"), Path.Combine(folder, "vae_decoder.onnx"), overwrite: true);

        var report = SonicModelVerifier.Verify(folder);

        Assert.False(report.IsValid);
        Assert.Contains("unet.onnx 64 px", report.Summary(), StringComparison.Ordinal);
        Assert.Contains("vae_decoder.onnx 128 px", report.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DynamicFolder_ReadsTheManifestsSizesAndNativeSize()
    {
        var folder = Path.Combine(models.Root, "listed");
        ArithmeticSonicModels.Write(folder, half: false, withRife: false, new { resolution = new { min = 64, max = 192, sizes = new[] { 192, 64, 128 }, native = 128 } });

        var resolutions = SonicModelVerifier.Verify(folder).Resolutions;

        Assert.Equal([64, 128, 192], resolutions.Sizes);
        Assert.Equal(128, resolutions.Native);
        Assert.False(resolutions.FixedInFiles);
        Assert.Equal("64–192 px in steps of 64", resolutions.Describe());
        Assert.Equal(128, resolutions.Nearest(150));
        Assert.Equal(64, resolutions.Nearest(96)); // a tie goes to the smaller side: less GPU memory
        Assert.Equal(192, resolutions.Nearest(1024));
    }

    [Fact]
    public void Resolutions_WithoutManifestOrFixedSize_AreUpstreamsRangeWithNative512()
    {
        var resolutions = SonicResolutionSupport.From(new SonicResolutionLimits(), fixedSide: null);

        Assert.Equal(256, resolutions.Smallest);
        Assert.Equal(1024, resolutions.Sizes[^1]);
        Assert.Equal(13, resolutions.Sizes.Count);
        Assert.Equal(512, resolutions.Native);
    }

    [Fact]
    public void Animate_CropLargerThanTheFixedSize_RendersAtTheFixedSizeAndResizesEveryFrameBack()
    {
        using var animator = Open(FixedFolder());
        var crop = Portrait(128);
        var speech = Speech(30);

        var adapted = Frames(animator, Request(crop, speech, 2));

        // The same job run by hand at the model's size, each frame resized back with the same resampler: within two
        // levels (ONNX Runtime's threaded reductions can round a value on the other side of .5 between runs, and the
        // Lanczos upscale's lobes turn that one level into up to two).
        var atFixed = Frames(animator, Request(PortraitCropResize.To(crop, Fixed), speech, 2));
        Assert.Equal(30, adapted.Count);
        Assert.All(adapted, f => Assert.Equal(128 * 128 * 4, f.Length));
        AssertClose([.. atFixed.Select(f => PortraitCropResize.Rgba(f, Fixed, 128))], adapted, tolerance: 2);

        Assert.Equal(Fixed, animator.Info.NativeResolution);
    }

    [Fact]
    public void Animate_UserChoseAnUnsupportedSize_WarnsWithBothSizes_AndADefaultSizeDoesNot()
    {
        using var animator = Open(FixedFolder());
        var warnings = new List<string>();
        var chosen = Request(Portrait(128), Speech(20), 1) with { SizePolicy = CropSizePolicy.Nearest, Warn = warnings.Add };
        var unchosen = Request(Portrait(128), Speech(20), 1) with { SizePolicy = CropSizePolicy.Native, Warn = warnings.Add };

        Assert.Equal(20, Frames(animator, chosen).Count);
        var warning = Assert.Single(warnings);
        Assert.Contains("128 px crop was rendered at 64 px", warning, StringComparison.Ordinal);

        Frames(animator, unchosen);
        Assert.Single(warnings);
    }

    [Fact]
    public void Animate_NoChosenSize_RendersAtTheNativeSideEvenWhenTheCropSideIsSupported()
    {
        // A worker without the folder cropped at its own default; the model renders at its native side instead.
        var folder = Path.Combine(models.Root, "listed-native-64");
        ArithmeticSonicModels.Write(folder, half: false, withRife: true, new { resolution = new { min = 64, max = 128, sizes = new[] { 64, 128 }, native = 64 } });
        using var animator = Open(folder);
        var crop = Portrait(128);
        var speech = Speech(20);

        var native = Frames(animator, Request(crop, speech, 1) with { SizePolicy = CropSizePolicy.Native });
        var atNative = Frames(animator, Request(PortraitCropResize.To(crop, 64), speech, 1));

        AssertClose([.. atNative.Select(f => PortraitCropResize.Rgba(f, 64, 128))], native, tolerance: 2);
        Assert.NotEqual(128 * 128 * 4, atNative[0].Length);
    }

    [Fact]
    public void Animate_StrictModeOnAFixedFolder_IsRefusedWithTheSupportedSize()
    {
        using var animator = Open(FixedFolder());
        var request = Request(Portrait(128), Speech(20), 1) with { SizePolicy = CropSizePolicy.Strict };

        var error = Assert.Throws<SonicJobException>(() => animator.Animate(request, CancellationToken.None));

        Assert.Equal(ErrorCodes.ResolutionUnsupported, error.Code);
        Assert.Equal(
            "This Sonic model renders 64 px only crops, not 128 px; set min_resolution to 64 or leave strict_resolution off to render at the nearest supported size.",
            error.Message);
    }

    [Fact]
    public void Animate_FixedFolderAtItsOwnSize_MatchesTheReferenceEngine()
    {
        using var animator = Open(FixedFolder());
        var portrait = Portrait(Fixed);
        var speech = Speech(40);

        var frames = Frames(animator, Request(portrait, speech, 2));

        AssertClose(ReferenceSonicEngine.Render(portrait, speech, new(2, 7, 1.05, 1.1, Rife: true), 40), frames, tolerance: 2);
    }
}
