namespace Sonic.Inference.Faces;

/// <summary>
/// Turns BlazeFace's raw outputs into candidate faces in input pixels. The 896 anchors are fixed: a 16×16 grid with
/// 2 anchors per cell (the 512 rows of the first head), then an 8×8 grid with 6 per cell (384 rows), each anchor at
/// its cell centre with unit size, cells row-major. Each row holds (dx, dy, w, h) and 6 keypoints (dx, dy), all in
/// input pixels relative to the anchor centre (MediaPipe's SSD anchors with fixed_anchor_size; the Unity package's
/// Postprocess1 decodes the same way, then flips y for Unity's bottom-up textures, which we do not need).
/// </summary>
public static class BlazeFaceDecoder
{
    public const int ValuesPerAnchor = 16;
    public const int KeypointCount = 6;

    /// <summary>The two detection heads: grid side and anchors per cell.</summary>
    public static readonly (int Cells, int AnchorsPerCell)[] Heads = [(16, 2), (8, 6)];

    /// <summary>
    /// Decodes one head. <paramref name="logits"/> has one score logit per anchor, <paramref name="boxes"/> 16 values
    /// per anchor. Candidates whose sigmoid score reaches <paramref name="threshold"/> are appended to
    /// <paramref name="into"/>.
    /// </summary>
    public static void DecodeHead(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> boxes, int cells, int anchorsPerCell, int inputSize, float threshold, List<FaceDetection> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var anchorCount = cells * cells * anchorsPerCell;
        if (logits.Length != anchorCount || boxes.Length != anchorCount * ValuesPerAnchor)
        {
            throw new ArgumentException($"Expected {anchorCount} anchors, got {logits.Length} scores and {boxes.Length} box values.");
        }

        var stride = (float)inputSize / cells;
        for (var anchor = 0; anchor < anchorCount; anchor++)
        {
            var score = Sigmoid(logits[anchor]);
            if (score < threshold)
            {
                continue;
            }

            var cell = anchor / anchorsPerCell;
            var anchorX = ((cell % cells) + 0.5f) * stride;
            var anchorY = ((cell / cells) + 0.5f) * stride;
            var row = boxes.Slice(anchor * ValuesPerAnchor, ValuesPerAnchor);
            var width = row[2];
            var height = row[3];
            if (width <= 0 || height <= 0)
            {
                continue;
            }

            var centerX = anchorX + row[0];
            var centerY = anchorY + row[1];
            var keypoints = new PointF2[KeypointCount];
            for (var k = 0; k < KeypointCount; k++)
            {
                keypoints[k] = new PointF2(anchorX + row[4 + (2 * k)], anchorY + row[5 + (2 * k)]);
            }

            into.Add(new FaceDetection(new BoxF(centerX - (width / 2), centerY - (height / 2), width, height), keypoints, score));
        }
    }

    private static float Sigmoid(float logit)
    {
        // MediaPipe clips logits to ±100 before the sigmoid (score_clipping_thresh).
        var x = Math.Clamp(logit, -100f, 100f);
        return 1f / (1f + MathF.Exp(-x));
    }
}
