using Sonic.Inference.Faces;

namespace Sonic.Pipeline.Faces;

/// <summary>
/// Upstream Sonic's face crop (jixiaozhong/Sonic, <c>src/dataset/test_preprocess.py</c>, <c>process_bbox</c>, and
/// the resize in <c>image_audio_to_tensor</c>), re-done as pure arithmetic; SONIC_ENGINE.md "Preprocessing".
/// <list type="number">
/// <item>Push each side of the face box out by <c>expand_ratio</c> × the box's width (left/right) or height
/// (top/bottom), then clip to the image.</item>
/// <item>A square of side min(expanded w, h), centred on the expanded box, shifted along the long axis toward the
/// face centre by at most half the difference of the sides (so it stays inside the expanded box).</item>
/// <item>Corners rounded as Python's <c>round</c> does: half to even.</item>
/// <item>Resize: <c>scale = min_resolution / min(w, h)</c>, each side <c>round(side × scale / 64) × 64</c>; for a
/// square that is exactly <c>min_resolution</c>, itself a multiple of 64.</item>
/// </list>
/// Where we differ from upstream, on purpose:
/// upstream rounds the four square corners independently, so its crop can come out one pixel wider than tall (or the
/// reverse); we keep the rounded top-left corner and take the smaller of the two rounded lengths, so the crop is
/// always square and inside the image. SONIC_ENGINE.md does not mention the rounding; otherwise doc and code agree.
/// (Upstream crops only with demo.py <c>--crop</c>, default expand_ratio 0.5 there, 1.0 in <c>preprocess</c>'s
/// signature; this product always crops, with the user's expand_ratio, default 0.18.)
/// </summary>
public static class FaceCropCalculator
{
    private const int SideMultiple = 64;

    public static CropPlan Plan(BoxF face, int imageWidth, int imageHeight, double expandRatio, int minResolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(expandRatio);
        ArgumentOutOfRangeException.ThrowIfLessThan(minResolution, SideMultiple);
        if (face.Width <= 0 || face.Height <= 0)
        {
            throw new ArgumentException("The face box must have a positive size.", nameof(face));
        }

        double x1 = face.X, y1 = face.Y, x2 = face.X + face.Width, y2 = face.Y + face.Height;

        // 1. Expand by the ratio of the box's own size, clip to the image (upstream expand()).
        var ex1 = Math.Max(x1 - (expandRatio * face.Width), 0);
        var ey1 = Math.Max(y1 - (expandRatio * face.Height), 0);
        var ex2 = Math.Min(x2 + (expandRatio * face.Width), imageWidth);
        var ey2 = Math.Min(y2 + (expandRatio * face.Height), imageHeight);

        // 2. Square on the expanded box's centre, moved toward the face centre along the long axis (to_square()).
        var w = ex2 - ex1;
        var h = ey2 - ey1;
        var centerX = (ex1 + ex2) / 2;
        var centerY = (ey1 + ey2) / 2;
        var half = Math.Min(w, h) / 2;
        var slack = Math.Abs(h - w) / 2;
        var faceCenterX = (x1 + x2) / 2;
        var faceCenterY = (y1 + y2) / 2;
        if (w < h)
        {
            var shift = Math.Min(slack, Math.Abs(faceCenterY - centerY));
            centerY += faceCenterY > centerY ? shift : -shift;
        }
        else
        {
            var shift = Math.Min(slack, Math.Abs(faceCenterX - centerX));
            centerX += faceCenterX > centerX ? shift : -shift;
        }

        // 3. Python round(): half to even, the .NET default.
        var left = (int)Math.Round(centerX - half);
        var top = (int)Math.Round(centerY - half);
        var right = (int)Math.Round(centerX + half);
        var bottom = (int)Math.Round(centerY + half);
        var side = Math.Min(right - left, bottom - top);
        side = Math.Clamp(side, 1, Math.Min(imageWidth - left, imageHeight - top));

        // 4. Resize to the model's resolution.
        return new CropPlan(left, top, side, ResizedLength(side, side, minResolution));
    }

    /// <summary>Upstream's resize rule for one side: <c>round(length × min_resolution / shortSide / 64) × 64</c>.</summary>
    public static int ResizedLength(int length, int shortSide, int minResolution)
    {
        var scale = (double)minResolution / shortSide;
        return Math.Max(SideMultiple, (int)Math.Round(length * scale / SideMultiple) * SideMultiple);
    }
}
