using Sonic.Inference.Faces;

namespace Sonic.Inference.Tests.Faces;

public sealed class WeightedNonMaxSuppressionTests
{
    [Fact]
    public void IntersectionOverUnion_HalfOverlappingSquares_IsOneThird()
        => Assert.Equal(1f / 3f, WeightedNonMaxSuppression.IntersectionOverUnion(new BoxF(0, 0, 10, 10), new BoxF(5, 0, 10, 10)), 5);

    [Fact]
    public void IntersectionOverUnion_DisjointBoxes_IsZero()
        => Assert.Equal(0f, WeightedNonMaxSuppression.IntersectionOverUnion(new BoxF(0, 0, 10, 10), new BoxF(20, 20, 5, 5)));

    [Fact]
    public void Apply_OverlappingCandidates_BlendsThemByScoreAndKeepsTheBestScore()
    {
        var strong = Face(0, 0, 100, 0.9f, keypointX: 10);
        var weak = Face(10, 0, 100, 0.3f, keypointX: 50);

        var result = WeightedNonMaxSuppression.Apply([weak, strong], 0.3f);

        var merged = Assert.Single(result);
        Assert.Equal(0.9f, merged.Score);
        // (0·0.9 + 10·0.3) / 1.2 = 2.5; keypoint (10·0.9 + 50·0.3) / 1.2 = 20.
        Assert.Equal(2.5f, merged.Box.X, 4);
        Assert.Equal(100f, merged.Box.Width, 4);
        Assert.Equal(20f, merged.Keypoints[0].X, 4);
    }

    [Fact]
    public void Apply_SeparateFaces_KeepsEachBestFirst()
    {
        var left = Face(0, 0, 50, 0.6f, keypointX: 0);
        var right = Face(200, 0, 50, 0.8f, keypointX: 0);

        var result = WeightedNonMaxSuppression.Apply([left, right], 0.3f);

        Assert.Equal([right, left], result);
    }

    [Fact]
    public void Apply_OverlapBelowTheThreshold_KeepsBoth()
    {
        // IoU 1/3 ≥ 0.3 merges; with a 0.4 threshold the two stay apart.
        var a = Face(0, 0, 10, 0.9f, keypointX: 0);
        var b = Face(5, 0, 10, 0.8f, keypointX: 0);

        Assert.Single(WeightedNonMaxSuppression.Apply([a, b], 0.3f));
        Assert.Equal(2, WeightedNonMaxSuppression.Apply([a, b], 0.4f).Count);
    }

    private static FaceDetection Face(float x, float y, float side, float score, float keypointX)
        => new(new BoxF(x, y, side, side), Enumerable.Repeat(new PointF2(keypointX, 0), 6).ToArray(), score);
}
