using Sonic.Inference.Faces;
using Sonic.Pipeline.Faces;

namespace Sonic.Pipeline.Tests.Faces;

/// <summary>Cases worked by hand from SONIC_ENGINE.md "Preprocessing" and upstream process_bbox.</summary>
public sealed class FaceCropCalculatorTests
{
    [Fact]
    public void Plan_CentredFaceWithExpandHalf_GrowsEachSideByHalfTheBox()
    {
        // Box 400..600 both ways; ±0.5·200 → 300..700: a 400 square, no clipping, no shift.
        var plan = FaceCropCalculator.Plan(new BoxF(400, 400, 200, 200), 1000, 1000, 0.5, 1024);

        Assert.Equal(new CropPlan(300, 300, 400, 1024), plan);
    }

    [Fact]
    public void Plan_ExpandZero_CropsExactlyTheFaceBox()
        => Assert.Equal(new CropPlan(400, 400, 200, 512), FaceCropCalculator.Plan(new BoxF(400, 400, 200, 200), 1000, 1000, 0.0, 512));

    [Fact]
    public void Plan_ExpandOne_TriplesTheSide()
        => Assert.Equal(new CropPlan(200, 200, 600, 1024), FaceCropCalculator.Plan(new BoxF(400, 400, 200, 200), 1000, 1000, 1.0, 1024));

    [Fact]
    public void Plan_FaceAtTheLeftBorder_ClipsThenSquaresOnTheShortSide()
    {
        // x: 50−100 → 0 (clipped), 250+100 = 350; y: 200..600. w 350 < h 400: side 350, centre y 400 = face centre.
        var plan = FaceCropCalculator.Plan(new BoxF(50, 300, 200, 200), 1000, 800, 0.5, 1024);

        Assert.Equal(new CropPlan(0, 225, 350, 1024), plan);
    }

    [Fact]
    public void Plan_FaceNearTheTopOfATallExpansion_ShiftsTheSquareTowardTheFace()
    {
        // Box x 400..500, y 30..230 (w 100, h 200). Expanded: x 350..550, y max(30−100, 0) = 0 .. 330.
        // w 200 < h 330: side 200; centre y 165, face centre 130: shift −min(65, 35) = −35 → y 30..230.
        // Without the shift the crop would start at y 65 and cut the forehead.
        var plan = FaceCropCalculator.Plan(new BoxF(400, 30, 100, 200), 1000, 1000, 0.5, 768);

        Assert.Equal(new CropPlan(350, 30, 200, 768), plan);
    }

    [Fact]
    public void Plan_ShiftIsCappedByHalfTheDifferenceOfTheSides()
    {
        // Box x 60..260, y 20..220. Expanded: x 0..360, y 0..320. w 360 ≥ h 320: side 320, slack 20;
        // centre x 180, face centre 160: shift −min(20, 20) → x 0..320.
        var plan = FaceCropCalculator.Plan(new BoxF(60, 20, 200, 200), 1000, 1000, 0.5, 1024);

        Assert.Equal(new CropPlan(0, 0, 320, 1024), plan);
    }

    [Fact]
    public void Plan_FaceBiggerThanTheImageAllows_TakesTheLargestCentredSquare()
    {
        // Box = whole 600×400 image: expanded and clipped to the image; side 400 centred at x 300.
        var plan = FaceCropCalculator.Plan(new BoxF(0, 0, 600, 400), 600, 400, 0.5, 512);

        Assert.Equal(new CropPlan(100, 0, 400, 512), plan);
    }

    [Fact]
    public void Plan_HalfPixelCorners_RoundHalfToEvenAsPythonDoes()
    {
        // Corners 100.5 and 201.5: Python round → 100 and 202 (half to even), so the side is 102, not 101.
        var plan = FaceCropCalculator.Plan(new BoxF(100.5f, 100.5f, 101, 101), 1000, 1000, 0.0, 512);

        Assert.Equal(new CropPlan(100, 100, 102, 512), plan);
    }

    [Fact]
    public void Plan_CornersRoundingToDifferentLengths_StaysSquareWithTheShorterLength()
    {
        // x 10.5..111.5 → 10..112 (102); y 10.25..111.25 → 10..111 (101). Upstream would crop 102×101.
        var plan = FaceCropCalculator.Plan(new BoxF(10.5f, 10.25f, 101, 101), 1000, 1000, 0.0, 512);

        Assert.Equal(new CropPlan(10, 10, 101, 512), plan);
    }

    [Theory]
    [InlineData(256, 37)]
    [InlineData(512, 300)]
    [InlineData(1024, 371)]
    [InlineData(1024, 2000)]
    [InlineData(2048, 999)]
    public void Plan_AnySquareCrop_ResizesToExactlyMinResolution(int minResolution, int side)
    {
        var plan = FaceCropCalculator.Plan(new BoxF(0, 0, side, side), side, side, 0.0, minResolution);

        Assert.Equal(side, plan.Side);
        Assert.Equal(minResolution, plan.ResizedSide);
        Assert.Equal(0, plan.ResizedSide % 64);
    }

    [Theory]
    [InlineData(1000, 600, 1024, 1728)] // 1000·1024/600 = 1706.7 → /64 = 26.67 → 27·64
    [InlineData(600, 600, 1024, 1024)]
    [InlineData(613, 600, 512, 512)]    // 613·512/600 = 523.1 → /64 = 8.17 → 8·64
    public void ResizedLength_FollowsTheRoundToMultipleOf64Rule(int length, int shortSide, int minResolution, int expected)
        => Assert.Equal(expected, FaceCropCalculator.ResizedLength(length, shortSide, minResolution));

    [Fact]
    public void MapIntoCrop_MovesAndScalesBoxAndKeypoints()
    {
        var plan = new CropPlan(100, 50, 200, 800);
        var face = new FaceDetection(new BoxF(150, 100, 100, 120), [new PointF2(175, 140), new PointF2(225, 140)], 0.9f);

        var inCrop = plan.MapIntoCrop(face);

        Assert.Equal(new BoxF(200, 200, 400, 480), inCrop.Box);
        Assert.Equal([new PointF2(300, 360), new PointF2(500, 360)], inCrop.Keypoints);
        Assert.Equal(0.9f, inCrop.Score);
    }
}
