using Microsoft.ML.OnnxRuntime;
using Sonic.Inference.Animation;
using Sonic.Inference.SonicEngine.Parity;
using Sonic.Media.Images;

namespace Sonic.Inference.SonicEngine.Runtime;

/// <summary>
/// Encodes the portrait crop once per job (or takes what an earlier job with the same crop kept): CLIP ViT-H/14 on the crop squashed to 224×224 (Lanczos, OpenAI CLIP
/// normalisation), the VAE encoder on the crop in [−1, 1], and the face mask from the detected box
/// (upstream <c>sonic.py</c> / <c>test_preprocess.py</c>, area 1.1).
/// </summary>
internal sealed class SonicReferenceEncoder(SonicNetworks networks, ISonicTrace? trace = null)
{
    public const float FaceMaskArea = 1.1f;

    /// <param name="known">The portrait's CLIP embedding and VAE latent from an earlier job (the face cache): used when made at this side.</param>
    public SonicReference Encode(PortraitCrop portrait, bool softMask, RunOptions runOptions, CancellationToken cancellationToken, PortraitConditioning? known = null)
    {
        var size = portrait.Size;
        var reuse = known is { } k && k.Side == size && k.ImageLatent.Length == SonicReference.LatentChannels * (size / SonicReference.Downscale) * (size / SonicReference.Downscale);
        var clip = reuse ? known!.ClipEmbeds : ClipEmbeds(portrait, runOptions, cancellationToken);
        var latent = reuse ? known!.ImageLatent : ImageLatent(portrait, runOptions, cancellationToken);
        var mask = new HostTensor(networks.Unet.InputType("face_mask"), 1, 1, size, size);
        var maskValues = softMask ? SoftFaceMask(portrait) : FaceMask(portrait);
        mask.Write(0, maskValues);
        trace?.Record(SonicParityStages.FaceMask, [size, size], maskValues);
        trace?.Record(SonicParityStages.ClipEmbeds, [clip.Length], clip);
        trace?.Record(SonicParityStages.RefLatent, [SonicReference.LatentChannels, size / SonicReference.Downscale, size / SonicReference.Downscale], latent);
        return new SonicReference(size, clip, latent, mask);
    }

    /// <summary>The face box scaled ×1.1 about its centre, clipped to the crop, as a filled 0/1 rectangle.</summary>
    public static float[] FaceMask(PortraitCrop portrait)
    {
        ArgumentNullException.ThrowIfNull(portrait);
        return FaceMask(portrait.Size, portrait.Face.Box);
    }

    /// <summary>
    /// Upstream's mask: the same rectangle drawn at the size the crop was cut at in the source image (255 inside) and
    /// resized with Lanczos to the crop's size with the image, so its edge is soft (and rings a little, clipped to
    /// 0..255). A crop that was not resized keeps the hard edge, as upstream's does.
    /// </summary>
    public static float[] SoftFaceMask(PortraitCrop portrait)
    {
        ArgumentNullException.ThrowIfNull(portrait);
        var source = portrait.SourceSide;
        if (source <= 0 || source == portrait.Size)
        {
            return FaceMask(portrait);
        }

        var scale = source / (float)portrait.Size;
        var box = portrait.Face.Box;
        var hard = FaceMask(source, new Faces.BoxF(box.X * scale, box.Y * scale, box.Width * scale, box.Height * scale));
        var rgba = new byte[source * source * 4];
        for (var p = 0; p < hard.Length; p++)
        {
            var value = (byte)(hard[p] * 255);
            rgba[p * 4] = rgba[(p * 4) + 1] = rgba[(p * 4) + 2] = value;
            rgba[(p * 4) + 3] = 255;
        }

        var resized = PortraitCropResize.Rgba(rgba, source, portrait.Size);
        var mask = new float[portrait.Size * portrait.Size];
        for (var p = 0; p < mask.Length; p++)
        {
            mask[p] = resized[p * 4] / 255f;
        }

        return mask;
    }

    private static float[] FaceMask(int size, Faces.BoxF box)
    {
        var halfWidth = box.Width * FaceMaskArea / 2;
        var halfHeight = box.Height * FaceMaskArea / 2;
        var left = Math.Clamp((int)MathF.Round(box.CenterX - halfWidth), 0, size);
        var right = Math.Clamp((int)MathF.Round(box.CenterX + halfWidth), 0, size);
        var top = Math.Clamp((int)MathF.Round(box.CenterY - halfHeight), 0, size);
        var bottom = Math.Clamp((int)MathF.Round(box.CenterY + halfHeight), 0, size);
        var mask = new float[size * size];
        for (var y = top; y < bottom; y++)
        {
            mask.AsSpan((y * size) + left, right - left).Fill(1f);
        }

        return mask;
    }

    private float[] ClipEmbeds(PortraitCrop portrait, RunOptions runOptions, CancellationToken cancellationToken)
    {
        const int side = ClipImagePreprocessing.Size;
        using var bitmap = LanczosResampler.ToBitmap(portrait.Rgba, portrait.Size, portrait.Size);
        var squashed = LanczosResampler.Resize(bitmap, new SkiaSharp.SKRectI(0, 0, portrait.Size, portrait.Size), side, side);
        var pixels = new float[3 * side * side];
        ClipImagePreprocessing.Normalize(squashed, pixels);
        trace?.Record(SonicParityStages.ClipPixels, [3, side, side], pixels);

        using var input = new HostTensor(networks.Clip.InputType("pixel_values"), 1, 3, side, side);
        using var output = new HostTensor(networks.Clip.OutputType("image_embeds"), 1, 1024);
        using var binding = networks.Clip.Bind([("pixel_values", input)], [("image_embeds", output)]);
        input.Write(0, pixels);
        networks.Clip.Run(binding, runOptions, cancellationToken);
        var embeds = new float[1024];
        output.Read(0, embeds);
        return embeds;
    }

    private float[] ImageLatent(PortraitCrop portrait, RunOptions runOptions, CancellationToken cancellationToken)
    {
        var size = portrait.Size;
        var plane = size * size;
        var image = new float[3 * plane];
        var rgba = portrait.Rgba;
        for (var p = 0; p < plane; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                image[(c * plane) + p] = ClipImagePreprocessing.VaeValue(rgba[(p * 4) + c]);
            }
        }

        var side = size / SonicReference.Downscale;
        using var input = new HostTensor(networks.VaeEncoder.InputType("image"), 1, 3, size, size);
        using var output = new HostTensor(networks.VaeEncoder.OutputType("latent_mean"), 1, SonicReference.LatentChannels, side, side);
        using var binding = networks.VaeEncoder.Bind([("image", input)], [("latent_mean", output)]);
        input.Write(0, image);
        networks.VaeEncoder.Run(binding, runOptions, cancellationToken);
        var latent = new float[output.Length];
        output.Read(0, latent);
        return latent;
    }
}
