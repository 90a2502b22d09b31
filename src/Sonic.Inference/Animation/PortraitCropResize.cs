using Sonic.Inference.Faces;
using Sonic.Media.Images;

namespace Sonic.Inference.Animation;

/// <summary>Square RGBA crops and frames resized with Lanczos-3, for an animator whose model runs at another size.</summary>
public static class PortraitCropResize
{
    /// <summary>The crop at <paramref name="side"/> pixels, its face landmarks scaled with it.</summary>
    public static PortraitCrop To(PortraitCrop crop, int side)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var scale = side / (float)crop.Size;
        var face = crop.Face;
        var box = new BoxF(face.Box.X * scale, face.Box.Y * scale, face.Box.Width * scale, face.Box.Height * scale);
        var scaled = new FaceDetection(box, [.. face.Keypoints.Select(p => new PointF2(p.X * scale, p.Y * scale))], face.Score);
        return new PortraitCrop(side, Rgba(crop.Rgba, crop.Size, side), scaled, crop.SourceSide);
    }

    /// <summary>A square RGBA image of side <paramref name="from"/> resized to side <paramref name="to"/>.</summary>
    public static byte[] Rgba(byte[] rgba, int from, int to)
    {
        using var bitmap = LanczosResampler.ToBitmap(rgba, from, from);
        return LanczosResampler.Resize(bitmap, new SkiaSharp.SKRectI(0, 0, from, from), to, to);
    }
}
