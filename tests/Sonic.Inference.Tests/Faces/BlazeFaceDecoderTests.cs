using Sonic.Inference.Faces;

namespace Sonic.Inference.Tests.Faces;

public sealed class BlazeFaceDecoderTests
{
    [Fact]
    public void DecodeHead_OneConfidentAnchorOnTheFineGrid_PlacesTheBoxRelativeToItsCellCentre()
    {
        var logits = Enumerable.Repeat(-10f, 512).ToArray();
        var boxes = new float[512 * 16];
        // Cell column 3, row 5 of the 16×16 grid, second anchor: centre (3.5, 5.5) × 16 px = (56, 88).
        var anchor = (((5 * 16) + 3) * 2) + 1;
        logits[anchor] = 2f;
        float[] row = [4, -2, 40, 50, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, -6];
        row.CopyTo(boxes, anchor * 16);

        List<FaceDetection> found = [];
        BlazeFaceDecoder.DecodeHead(logits, boxes, 16, 2, 256, 0.5f, found);

        var face = Assert.Single(found);
        Assert.Equal(1f / (1f + MathF.Exp(-2f)), face.Score, 5);
        Assert.Equal(new BoxF(60 - 20, 86 - 25, 40, 50), face.Box);
        Assert.Equal(new PointF2(57, 89), face.RightEye);
        Assert.Equal(new PointF2(62, 82), face.Keypoints[5]);
    }

    [Fact]
    public void DecodeHead_CoarseGridWithSixAnchorsPerCell_UsesThe32PixelStride()
    {
        var logits = Enumerable.Repeat(-10f, 384).ToArray();
        var boxes = new float[384 * 16];
        // Cell column 7, row 0 of the 8×8 grid, sixth anchor: centre (7.5, 0.5) × 32 px = (240, 16).
        var anchor = (7 * 6) + 5;
        logits[anchor] = 0.1f;
        boxes[(anchor * 16) + 2] = 10;
        boxes[(anchor * 16) + 3] = 10;

        List<FaceDetection> found = [];
        BlazeFaceDecoder.DecodeHead(logits, boxes, 8, 6, 256, 0.5f, found);

        Assert.Equal(new BoxF(235, 11, 10, 10), Assert.Single(found).Box);
    }

    [Fact]
    public void DecodeHead_ScoresBelowTheThreshold_AreDropped()
    {
        var logits = Enumerable.Repeat(-0.01f, 512).ToArray(); // sigmoid just under 0.5
        var boxes = Enumerable.Repeat(10f, 512 * 16).ToArray();

        List<FaceDetection> found = [];
        BlazeFaceDecoder.DecodeHead(logits, boxes, 16, 2, 256, 0.5f, found);

        Assert.Empty(found);
    }

    [Fact]
    public void DecodeHead_WrongTensorLength_Throws()
        => Assert.Throws<ArgumentException>(() => BlazeFaceDecoder.DecodeHead(new float[384], new float[512 * 16], 16, 2, 256, 0.5f, []));
}
