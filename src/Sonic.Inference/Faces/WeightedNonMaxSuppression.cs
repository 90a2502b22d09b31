namespace Sonic.Inference.Faces;

/// <summary>
/// MediaPipe's weighted non-maximum suppression, as BlazeFace is meant to be post-processed: take the best remaining
/// candidate, gather every remaining candidate overlapping it by at least the IoU threshold, and replace the group
/// by its score-weighted mean box and keypoints with the group's best score. Averaging the neighbours' votes steadies
/// the box more than plain NMS, which just drops them.
/// </summary>
public static class WeightedNonMaxSuppression
{
    public static List<FaceDetection> Apply(IReadOnlyList<FaceDetection> candidates, float iouThreshold)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var result = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var group = remaining.Where(c => IntersectionOverUnion(best.Box, c.Box) >= iouThreshold).ToList();
            remaining.RemoveAll(group.Contains);
            if (!group.Contains(best))
            {
                // A degenerate best box (IoU with itself undefined) still stands for itself.
                group.Add(best);
                remaining.Remove(best);
            }

            result.Add(Blend(group, best.Score));
        }

        return result;
    }

    public static float IntersectionOverUnion(BoxF a, BoxF b)
    {
        var left = Math.Max(a.X, b.X);
        var top = Math.Max(a.Y, b.Y);
        var right = Math.Min(a.X + a.Width, b.X + b.Width);
        var bottom = Math.Min(a.Y + a.Height, b.Y + b.Height);
        var inner = Math.Max(0, right - left) * Math.Max(0, bottom - top);
        var union = a.Area + b.Area - inner;
        return union <= 0 ? 0 : inner / union;
    }

    private static FaceDetection Blend(List<FaceDetection> group, float score)
    {
        if (group.Count == 1)
        {
            return group[0];
        }

        float total = 0, x = 0, y = 0, w = 0, h = 0;
        var keypointCount = group[0].Keypoints.Count;
        var kx = new float[keypointCount];
        var ky = new float[keypointCount];
        foreach (var c in group)
        {
            var weight = c.Score;
            total += weight;
            x += c.Box.X * weight;
            y += c.Box.Y * weight;
            w += c.Box.Width * weight;
            h += c.Box.Height * weight;
            for (var k = 0; k < keypointCount; k++)
            {
                kx[k] += c.Keypoints[k].X * weight;
                ky[k] += c.Keypoints[k].Y * weight;
            }
        }

        var keypoints = new PointF2[keypointCount];
        for (var k = 0; k < keypointCount; k++)
        {
            keypoints[k] = new PointF2(kx[k] / total, ky[k] / total);
        }

        return new FaceDetection(new BoxF(x / total, y / total, w / total, h / total), keypoints, score);
    }
}
