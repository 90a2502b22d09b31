using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SkiaSharp;
using Sonic.Media.Video;

namespace Sonic.Pipeline.Compositing;

/// <summary>
/// Puts each animated square crop back into the original picture: built once per job (background scaled to the
/// output size with a high-quality resize, crop rectangle and seam mask precomputed), then <see cref="Compose"/>
/// per frame touches only the crop rectangle of one reused output frame — resize the crop to the rectangle
/// (separable bicubic, <see cref="SquareResampler"/>), copy its inside, blend its feathered border over the
/// background. Holds no native resources. Not thread-safe: one instance per job.
/// </summary>
public sealed class PasteBackCompositor
{
    private readonly PasteBackLayout _layout;
    private readonly byte[] _background;
    private readonly RgbaFrame _output;
    private readonly byte[] _rampX;
    private readonly byte[] _rampY;

    // The part of the crop rectangle inside the frame, and the columns where the mask is fully opaque.
    private readonly int _left;
    private readonly int _right;
    private readonly int _top;
    private readonly int _bottom;
    private readonly int _innerLeft;
    private readonly int _innerRight;

    private readonly byte[] _scaled;
    private SquareResampler? _resampler;

    /// <param name="source">The original picture, any colour type Skia can convert (Rgba8888 unpremultiplied is cheapest).</param>
    /// <param name="cropX">Left of the square crop in source pixels (may be negative when the crop reached past the picture).</param>
    /// <param name="cropY">Top of the square crop in source pixels (may be negative).</param>
    /// <param name="cropSide">Side of the square crop in source pixels.</param>
    /// <param name="outputResolution">Wanted short side of the output; never above the source's own.</param>
    public PasteBackCompositor(SKBitmap source, int cropX, int cropY, int cropSide, int outputResolution)
    {
        ArgumentNullException.ThrowIfNull(source);
        _layout = PasteBackLayout.Compute(source.Width, source.Height, cropX, cropY, cropSide, outputResolution);
        var (width, height, side) = (_layout.OutputWidth, _layout.OutputHeight, _layout.CropSide);

        _left = Math.Max(0, _layout.CropX);
        _right = Math.Min(width, _layout.CropX + side);
        _top = Math.Max(0, _layout.CropY);
        _bottom = Math.Min(height, _layout.CropY + side);
        if (_left >= _right || _top >= _bottom)
        {
            throw new ArgumentException("The crop does not overlap the source picture.", nameof(cropX));
        }

        _rampX = FeatherRamp.Build(side, _layout.FeatherPixels, featherStart: _layout.CropX > 0, featherEnd: _layout.CropX + side < width);
        _rampY = FeatherRamp.Build(side, _layout.FeatherPixels, featherStart: _layout.CropY > 0, featherEnd: _layout.CropY + side < height);
        var firstOpaque = Array.IndexOf(_rampX, (byte)255);
        var lastOpaque = Array.LastIndexOf(_rampX, (byte)255);
        _innerLeft = Math.Clamp(_layout.CropX + firstOpaque, _left, _right);
        _innerRight = firstOpaque < 0 ? _innerLeft : Math.Clamp(_layout.CropX + lastOpaque + 1, _innerLeft, _right);

        _background = new byte[checked(width * height * 4)];
        ScaleInto(source, _background, width, height);
        _output = new RgbaFrame(width, height);
        _background.CopyTo(_output.Pixels, 0);

        _scaled = new byte[checked(side * side * 4)];
    }

    public int OutputWidth => _layout.OutputWidth;

    public int OutputHeight => _layout.OutputHeight;

    public PasteBackLayout Layout => _layout;

    /// <summary>
    /// Composes one frame. Returns the same <see cref="RgbaFrame"/> instance every call (its <see cref="RgbaFrame.Index"/>
    /// copied from the crop): copy it before the next call if you need to keep it.
    /// </summary>
    public RgbaFrame Compose(RgbaFrame animatedCrop) => Compose(animatedCrop, CropCorrection.Identity);

    /// <summary>
    /// Composes one frame with <paramref name="correction"/> (motion smoothing's shift and gains) folded into the
    /// crop's resize, so it needs no pass of its own. Same reuse rules as <see cref="Compose(RgbaFrame)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RgbaFrame Compose(RgbaFrame animatedCrop, in CropCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(animatedCrop);
        if (animatedCrop.Width != animatedCrop.Height)
        {
            throw new ArgumentException($"The animated crop must be square, not {animatedCrop.Width}x{animatedCrop.Height}.", nameof(animatedCrop));
        }

        var crop = ScaleCrop(animatedCrop, correction);
        var side = _layout.CropSide;
        var rowBytes = _layout.OutputWidth * 4;
        var output = _output.Pixels;
        for (var y = _top; y < _bottom; y++)
        {
            var cy = y - _layout.CropY;
            var rowMask = _rampY[cy];
            var outRow = y * rowBytes;
            var cropRow = cy * side * 4;
            if (rowMask == 255)
            {
                BlendSpan(crop, output, outRow, cropRow, _left, _innerLeft, rowMask);
                var count = (_innerRight - _innerLeft) * 4;
                crop.Slice(cropRow + ((_innerLeft - _layout.CropX) * 4), count).CopyTo(output.AsSpan(outRow + (_innerLeft * 4), count));
                BlendSpan(crop, output, outRow, cropRow, _innerRight, _right, rowMask);
            }
            else
            {
                BlendSpan(crop, output, outRow, cropRow, _left, _right, rowMask);
            }
        }

        _output.Index = animatedCrop.Index;
        return _output;
    }

    /// <summary>Composes a lazy stream frame by frame (the result reuses one frame, like its input).</summary>
    public IEnumerable<RgbaFrame> ComposeAll(IEnumerable<RgbaFrame> animatedCrops)
    {
        ArgumentNullException.ThrowIfNull(animatedCrops);
        foreach (var crop in animatedCrops)
        {
            yield return Compose(crop);
        }
    }

    /// <summary>out = (crop·m + background·(255−m)) / 255 per channel, m = rampX·rowMask / 255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BlendSpan(ReadOnlySpan<byte> crop, byte[] output, int outRow, int cropRow, int fromX, int toX, int rowMask)
    {
        var background = _background;
        for (var x = fromX; x < toX; x++)
        {
            var cx = x - _layout.CropX;
            var m = rowMask == 255 ? _rampX[cx] : Divide255(_rampX[cx] * rowMask);
            var inverse = 255 - m;
            var o = outRow + (x * 4);
            var c = cropRow + (cx * 4);
            for (var k = 0; k < 4; k++)
            {
                output[o + k] = (byte)Divide255((crop[c + k] * m) + (background[o + k] * inverse));
            }
        }
    }

    /// <summary>Exact round(v / 255) for 0 ≤ v ≤ 255·255 without a division.</summary>
    private static int Divide255(int v)
    {
        v += 128;
        return (v + (v >> 8)) >> 8;
    }

    private ReadOnlySpan<byte> ScaleCrop(RgbaFrame animatedCrop, in CropCorrection correction)
    {
        if (animatedCrop.Width == _layout.CropSide && correction.IsIdentity)
        {
            return animatedCrop.Pixels;
        }

        // Built on the first frame (the animator's size is known only then) and kept while the size stays; a
        // same-size crop goes through it only when corrected (Catmull-Rom at a zero shift is the identity).
        if (_resampler is null || _resampler.SourceSide != animatedCrop.Width)
        {
            _resampler = new SquareResampler(animatedCrop.Width, _layout.CropSide);
        }

        _resampler.Resize(animatedCrop.Pixels, _scaled, correction);
        return _scaled;
    }

    private static void ScaleInto(SKBitmap source, byte[] target, int width, int height)
    {
        var pin = GCHandle.Alloc(target, GCHandleType.Pinned);
        try
        {
            using var sourcePixmap = source.PeekPixels()
                ?? throw new ArgumentException("The source bitmap has no readable pixels.", nameof(source));
            using var targetPixmap = new SKPixmap(Info(width, height), pin.AddrOfPinnedObject(), width * 4);
            var sampling = ResampleQuality.For(Math.Min(source.Width, source.Height), Math.Min(width, height));
            if (!sourcePixmap.ScalePixels(targetPixmap, sampling))
            {
                throw new ArgumentException($"Skia could not convert a {source.ColorType} picture.", nameof(source));
            }
        }
        finally
        {
            pin.Free();
        }
    }

    private static SKImageInfo Info(int width, int height) => new(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
}
