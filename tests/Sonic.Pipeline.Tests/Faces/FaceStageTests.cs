using SkiaSharp;
using Sonic.Inference.Faces;
using Sonic.Media.Errors;
using Sonic.Media.Images;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Jobs;
using Sonic.Testing;

namespace Sonic.Pipeline.Tests.Faces;

public sealed class FaceStageTests(FaceStageFixture fixture) : IClassFixture<FaceStageFixture>
{
    private readonly FaceStage stage = fixture.Stage;

    [Fact]
    public void Prepare_RealPortrait_CropsAroundTheFaceAtMinResolution()
    {
        var parameters = new RenderParameters { MinResolution = 512, ExpandRatio = 0.5 };

        using var prepared = stage.Prepare(SampleMedia.Portrait, parameters, CancellationToken.None);

        Assert.Equal(ImageFormats.Jpeg, prepared.Format);
        Assert.Empty(prepared.Warnings);
        Assert.Equal((512, 512), (prepared.Source.Width, prepared.Source.Height));
        var crop = prepared.Crop;
        Assert.Equal(512, crop.ResizedSide);
        Assert.Equal(512, prepared.Portrait.Size);
        Assert.Equal(512 * 512 * 4, prepared.Portrait.Rgba.Length);

        // The crop holds the whole face box and lies inside the image.
        var face = prepared.SourceFace.Box;
        Assert.True(crop.X <= face.X && crop.Y <= face.Y, $"{crop} vs {face}");
        Assert.True(crop.X + crop.Side >= face.X + face.Width - 1 && crop.Y + crop.Side >= face.Y + face.Height - 1, $"{crop} vs {face}");
        Assert.True(crop.X >= 0 && crop.Y >= 0 && crop.X + crop.Side <= 512 && crop.Y + crop.Side <= 512, crop.ToString());

        // In the crop the face is centred horizontally and fills about 1 / (1 + 2·0.5) of the side, before clipping.
        var inCrop = prepared.Portrait.Face.Box;
        Assert.InRange(inCrop.CenterX, 256 - 40, 256 + 40);
        Assert.InRange(inCrop.Width / 512, 0.45, 0.75);
        Assert.True(prepared.Portrait.Face.Nose.Y > prepared.Portrait.Face.LeftEye.Y);
    }

    [Fact]
    public void Prepare_RealPortrait_ResizedCropMatchesTheSourceRegionPixels()
    {
        var parameters = new RenderParameters { MinResolution = 1024 };

        using var prepared = stage.Prepare(SampleMedia.Portrait, parameters, CancellationToken.None);

        // Compare 8×8 block means of the resized crop with the same areas of the source: a correct crop and
        // resample agrees within a few levels; a crop taken from the wrong place or flipped does not.
        var crop = prepared.Crop;
        var rgba = prepared.Portrait.Rgba;
        var size = prepared.Portrait.Size;
        double worst = 0;
        for (var by = 0; by < 8; by++)
        {
            for (var bx = 0; bx < 8; bx++)
            {
                // Source blocks on whole pixels; the resized block is the same area scaled (within 0.2 source px).
                var (x0, x1, y0, y1) = (bx * crop.Side / 8, (bx + 1) * crop.Side / 8, by * crop.Side / 8, (by + 1) * crop.Side / 8);
                int Scaled(int v) => (int)Math.Round(v * crop.Scale);
                var source = BlockMean((x, y) => prepared.Source.GetPixel(crop.X + x, crop.Y + y).Green, x0, x1, y0, y1);
                var resized = BlockMean((x, y) => rgba[(((y * size) + x) * 4) + 1], Scaled(x0), Scaled(x1), Scaled(y0), Scaled(y1));
                worst = Math.Max(worst, Math.Abs(resized - source));
            }
        }

        Assert.True(worst < 2, $"largest block difference {worst:F2} levels {crop}");
    }

    [Fact]
    public void Prepare_JpegDataBehindPngNameWithoutAFace_ThrowsNoFaceDetected()
    {
        var ex = Assert.Throws<SonicJobException>(() => stage.Prepare(SampleMedia.NoFaceJpegNamedPng, new RenderParameters(), CancellationToken.None));

        Assert.Equal(ErrorCodes.NoFaceDetected, ex.Code);
    }

    [Fact]
    public void Prepare_CartoonPortrait_IsAcceptedBecauseBlazeFaceFindsTheCartoonFace()
    {
        // Measured outcome (see BlazeFaceDetectorTests): one face, score ≈ 0.74.
        using var prepared = stage.Prepare(SampleMedia.Cartoon, new RenderParameters(), CancellationToken.None);

        Assert.Equal(ImageFormats.Png, prepared.Format);
        Assert.Equal(1024, prepared.Portrait.Size);
        Assert.InRange(prepared.SourceFace.Score, 0.6f, 0.85f);
    }

    [Fact]
    public void Prepare_SmallFaceInAWideShot_CropsTheAstronautsFaceAndWarnsThatItIsEnlarged()
    {
        using var prepared = stage.Prepare(TestPaths.OwnSample("astronaut.png"), new RenderParameters(), CancellationToken.None);

        // Face ≈ 103 px; with expand_ratio 0.18 the square is ≈ 140 px, enlarged ≈ 7× to 1024.
        var crop = prepared.Crop;
        Assert.InRange(crop.Side, 120, 160);
        Assert.InRange(crop.X + (crop.Side / 2), 205, 245);
        Assert.InRange(crop.Y + (crop.Side / 2), 105, 150);
        Assert.Equal(1024, crop.ResizedSide);
        Assert.Contains(prepared.Warnings, w => w.Contains("enlarged", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_ImageOf200Pixels_ThrowsImageTooSmallBeforeDetecting()
    {
        var path = PortraitFiles.Rescaled(SampleMedia.Portrait, 200);

        var ex = Assert.Throws<SonicJobException>(() => stage.Prepare(path, new RenderParameters(), CancellationToken.None));

        Assert.Equal(ErrorCodes.ImageTooSmall, ex.Code);
    }

    [Fact]
    public void Prepare_ImageOf300Pixels_WorksWithASizeWarning()
    {
        var path = PortraitFiles.Rescaled(SampleMedia.Portrait, 300);

        using var prepared = stage.Prepare(path, new RenderParameters { MinResolution = 512 }, CancellationToken.None);

        Assert.Equal(ImageFormats.Png, prepared.Format);
        Assert.Contains(prepared.Warnings, w => w.Contains("300×300", StringComparison.Ordinal));
        Assert.Equal(512, prepared.Portrait.Size);
    }

    [Fact]
    public void Prepare_PhoneJpegStoredSidewaysWithExifOrientation_FindsTheUprightFaceWhereTheUprightFileHasIt()
    {
        var parameters = new RenderParameters { MinResolution = 512 };
        using var upright = stage.Prepare(SampleMedia.Portrait, parameters, CancellationToken.None);

        using var rotated = stage.Prepare(PortraitFiles.StoredSidewaysWithExif(SampleMedia.Portrait), parameters, CancellationToken.None);

        var a = upright.SourceFace;
        var b = rotated.SourceFace;
        Assert.True(Math.Abs(a.Box.CenterX - b.Box.CenterX) < 8 && Math.Abs(a.Box.CenterY - b.Box.CenterY) < 8, $"{a.Box} vs {b.Box}");
        Assert.True(b.Nose.Y > b.LeftEye.Y && b.Mouth.Y > b.Nose.Y, "upright keypoints");
        Assert.True(Math.Abs(upright.Crop.X - rotated.Crop.X) <= 8 && Math.Abs(upright.Crop.Y - rotated.Crop.Y) <= 8);
    }

    [Fact]
    public void Prepare_MissingImage_ThrowsInputNotFound()
    {
        var ex = Assert.Throws<SonicJobException>(() => stage.Prepare(Path.Combine(TestPaths.NewTempFolder(), "gone.png"), new RenderParameters(), CancellationToken.None));

        Assert.Equal(ErrorCodes.InputNotFound, ex.Code);
    }

    [Fact]
    public void Prepare_InvalidParameters_ThrowsInvalidParameter()
    {
        var ex = Assert.Throws<SonicJobException>(() => stage.Prepare(SampleMedia.Portrait, new RenderParameters { MinResolution = 500 }, CancellationToken.None));

        Assert.Equal(ErrorCodes.InvalidParameter, ex.Code);
    }

    [Fact]
    public void Prepare_CancelledToken_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => stage.Prepare(SampleMedia.Portrait, new RenderParameters(), cts.Token));
    }

    [Fact]
    public void Prepare_SeveralFaces_AnimatesTheLargestAndSaysSo()
    {
        var detector = new FixedDetector(
            new FaceDetection(new BoxF(300, 300, 60, 60), Keypoints(330, 330), 0.99f),
            new FaceDetection(new BoxF(100, 100, 150, 150), Keypoints(175, 175), 0.6f));
        var twoFaceStage = new FaceStage(new ImageLoader(), detector, Microsoft.Extensions.Logging.Abstractions.NullLogger<FaceStage>.Instance);

        using var prepared = twoFaceStage.Prepare(SampleMedia.Portrait, new RenderParameters { ExpandRatio = 0 }, CancellationToken.None);

        Assert.Equal(new CropPlan(100, 100, 150, 1024), prepared.Crop);
        Assert.Equal(0.6f, prepared.SourceFace.Score);
        Assert.Contains(prepared.Warnings, w => w.StartsWith("2 faces", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_PreparedPortrait_FreesTheSourceBitmap()
    {
        var prepared = stage.Prepare(SampleMedia.Portrait, new RenderParameters { MinResolution = 256 }, CancellationToken.None);

        prepared.Dispose();

        Assert.Equal(IntPtr.Zero, prepared.Source.Handle);
    }

    private static double BlockMean(Func<int, int, byte> channel, int x0, int x1, int y0, int y1)
    {
        double sum = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                sum += channel(x, y);
            }
        }

        return sum / ((x1 - x0) * (y1 - y0));
    }

    private static PointF2[] Keypoints(float x, float y) => Enumerable.Repeat(new PointF2(x, y), 6).ToArray();

    private sealed class FixedDetector(params FaceDetection[] faces) : IFaceDetector
    {
        public string Name => "fixed";

        public IReadOnlyList<FaceDetection> Detect(SKBitmap image) => faces;
    }
}
