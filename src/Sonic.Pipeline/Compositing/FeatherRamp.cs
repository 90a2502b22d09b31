namespace Sonic.Pipeline.Compositing;

/// <summary>
/// One axis of the seam mask: 0..255 per position across the crop side, rising with a smoothstep over
/// <c>feather</c> pixels from each edge that is feathered, 255 inside. Edges that touch or pass the frame border
/// are not feathered: there is no seam to hide there, and fading would freeze the animated content at the border.
/// The mask of a pixel is rampX[x]·rampY[y]/255, which rounds the corners.
/// </summary>
internal static class FeatherRamp
{
    public static byte[] Build(int side, int feather, bool featherStart, bool featherEnd)
    {
        var ramp = new byte[side];
        for (var i = 0; i < side; i++)
        {
            var value = 1.0;
            if (featherStart)
            {
                value = Math.Min(value, Smooth((i + 0.5) / feather));
            }

            if (featherEnd)
            {
                value = Math.Min(value, Smooth((side - i - 0.5) / feather));
            }

            ramp[i] = (byte)Math.Round(value * 255);
        }

        return ramp;
    }

    private static double Smooth(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return t * t * (3 - (2 * t));
    }
}
