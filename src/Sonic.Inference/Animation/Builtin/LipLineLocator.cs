using Sonic.Inference.Faces;

namespace Sonic.Inference.Animation.Builtin;

/// <summary>
/// Finds the line where the lips meet. BlazeFace's mouth keypoint is only the mouth's centre of mass: on real faces
/// it often lands on the lower lip (0.12 IOD below the lip line on one measured real portrait), and opening the jaw
/// there tears the lower lip in two. The lip line is the darkest thin horizontal line near the keypoint (the shadow
/// between the lips, or the drawn mouth line of a cartoon), so a one-off search of row luminance finds it.
/// </summary>
internal static class LipLineLocator
{
    /// <summary>Search window above and below the keypoint, in IOD units (the keypoint is never above the line).</summary>
    private const float SearchAbove = 0.2f;
    private const float SearchBelow = 0.03f;

    /// <summary>Half-width of the columns averaged, in IOD units: the middle of the mouth, where the line is level.</summary>
    private const float HalfWidth = 0.14f;

    /// <summary>A valley shallower than this (luma levels) is noise: the keypoint is kept.</summary>
    private const float MinimumContrast = 6f;

    /// <summary>A valley shallower than this share of the deepest one is skin texture, not a line.</summary>
    private const float RelativeContrast = 0.15f;

    /// <summary>Returns the y (crop pixels) of the lip line under the mouth keypoint.</summary>
    public static float Locate(PortraitCrop portrait)
    {
        var face = portrait.Face;
        var mouth = face.Mouth;
        var iod = MathF.Max(Distance(face.RightEye, face.LeftEye), 4f);
        var size = portrait.Size;

        // Valley half-width: a lip line is a few pixels thick at any scale; compare against rows this far away.
        var reach = Math.Max(2, (int)MathF.Round(iod * 0.045f));
        var top = (int)MathF.Floor(mouth.Y - (iod * SearchAbove)) - reach;
        var bottom = (int)MathF.Ceiling(mouth.Y + (iod * SearchBelow)) + reach;
        var left = (int)MathF.Floor(mouth.X - (iod * HalfWidth));
        var right = (int)MathF.Ceiling(mouth.X + (iod * HalfWidth));
        if (top < 0 || left < 0 || bottom >= size || right >= size)
        {
            return mouth.Y;
        }

        var luma = new float[bottom - top + 1];
        for (var y = top; y <= bottom; y++)
        {
            var sum = 0f;
            for (var x = left; x <= right; x++)
            {
                var i = 4 * ((y * size) + x);
                sum += (0.299f * portrait.Rgba[i]) + (0.587f * portrait.Rgba[i + 1]) + (0.114f * portrait.Rgba[i + 2]);
            }

            luma[y - top] = sum / (right - left + 1);
        }

        // Candidates are local minima that are clearly darker than both rows `reach` away (a thin dark line; a broad
        // dark area such as a moustache is not). Of those, the one nearest the keypoint wins: with closed lips that is
        // the lip line; with teeth showing it is the teeth's lower edge, where the lower lip starts. Either way it is
        // the line below which the jaw moves.
        var depths = new float[luma.Length];
        var deepest = 0f;
        for (var y = reach; y < luma.Length - reach; y++)
        {
            var isMinimum = luma[y] <= luma[y - 1] && luma[y] <= luma[y + 1];
            depths[y] = isMinimum ? MathF.Min(luma[y - reach], luma[y + reach]) - luma[y] : 0f;
            deepest = MathF.Max(deepest, depths[y]);
        }

        var threshold = MathF.Max(MinimumContrast, deepest * RelativeContrast);
        var bestY = mouth.Y;
        var bestDistance = float.MaxValue;
        for (var y = reach; y < luma.Length - reach; y++)
        {
            var distance = MathF.Abs(top + y - mouth.Y);
            if (depths[y] >= threshold && distance < bestDistance)
            {
                bestDistance = distance;
                bestY = top + y;
            }
        }

        return bestY;
    }

    private static float Distance(PointF2 a, PointF2 b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
