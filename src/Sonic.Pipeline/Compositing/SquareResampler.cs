using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sonic.Media.Threading;

namespace Sonic.Pipeline.Compositing;

/// <summary>
/// Resizes a square RGBA8888 image to another square size with a separable Catmull-Rom (bicubic, a = −0.5) filter,
/// widened by the shrink factor when shrinking so it never aliases — the weighting Pillow's BICUBIC uses, which is
/// what the upstream Python pipelines resize with. Weights are computed once; each call reuses its buffers and
/// runs on SIMD floats (Vector4 per pixel across, Vector&lt;float&gt; per row down), bands of rows in parallel. Measured here it is several
/// times faster than Skia's cubic ScalePixels, which samples 4×4 taps per pixel without separating the axes.
/// </summary>
internal sealed class SquareResampler
{
    private const float Support = 2f; // Catmull-Rom reaches two source pixels either side
    private readonly int _sourceSide;
    private readonly int _targetSide;
    private readonly Taps _across;
    private readonly Taps _down;
    private readonly int _bands;
    private readonly float[][] _sourceRows; // one row buffer per band
    private readonly float[] _intermediate; // sourceSide rows of targetSide RGBA floats
    private readonly float[][] _targetRows;

    // The bands' work, built once so a frame allocates nothing; the call's buffers ride in these fields.
    private readonly ParallelBands _workers;
    private readonly Action<int> _acrossBand;
    private readonly Action<int> _downBand;
    private byte[] _source = [];
    private byte[] _target = [];
    private Vector4 _gain;

    public SquareResampler(int sourceSide, int targetSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceSide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSide);
        _sourceSide = sourceSide;
        _targetSide = targetSide;
        _across = new Taps(sourceSide, targetSide);
        _down = new Taps(sourceSide, targetSide);
        // Rows are independent in both passes: bands of them run in parallel, one per core (up to 8), each with its own buffers.
        _bands = Math.Clamp(Environment.ProcessorCount, 1, 8);
        _sourceRows = [.. Enumerable.Range(0, _bands).Select(_ => new float[sourceSide * 4])];
        _intermediate = new float[sourceSide * targetSide * 4];
        _targetRows = [.. Enumerable.Range(0, _bands).Select(_ => new float[targetSide * 4])];
        _workers = new ParallelBands(_bands);
        _acrossBand = band => Across(_source, _sourceSide * band / _bands, _sourceSide * (band + 1) / _bands, _sourceRows[band]);
        _downBand = band => Down(_target, _targetSide * band / _bands, _targetSide * (band + 1) / _bands, _targetRows[band], _gain);
    }

    public int SourceSide => _sourceSide;

    public void Resize(byte[] source, byte[] target) => Resize(source, target, CropCorrection.Identity);

    /// <summary>
    /// Resizes with <paramref name="correction"/> folded in: the shift moves where each target pixel samples the
    /// source (new weights, same number of taps), the gains scale the vertical weights per channel — so a
    /// corrected frame costs what a plain resize costs.
    /// </summary>
    public void Resize(byte[] source, byte[] target, in CropCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Length < _sourceSide * _sourceSide * 4 || target.Length < _targetSide * _targetSide * 4)
        {
            throw new ArgumentException("Buffer sizes do not match the resampler.", nameof(source));
        }

        // output(x) = crop(x − shift): each target pixel samples the source `shift` pixels earlier.
        _across.Prepare(-correction.ShiftX);
        _down.Prepare(-correction.ShiftY);
        var gain = new Vector4(correction.GainR, correction.GainG, correction.GainB, 1f);
        if (_bands == 1)
        {
            Across(source, 0, _sourceSide, _sourceRows[0]);
            Down(target, 0, _targetSide, _targetRows[0], gain);
            return;
        }

        (_source, _target, _gain) = (source, target, gain);
        try
        {
            _workers.Run(_bands, _acrossBand);
            _workers.Run(_bands, _downBand);
        }
        finally
        {
            (_source, _target) = ([], []);
        }
    }

    /// <summary>Across: source rows [from, to) to targetSide pixels each.</summary>
    // Straight to the optimising JIT: it runs once per frame, too rarely for tiering to promote it early.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Across(byte[] source, int from, int to, float[] sourceRow)
    {
        var sourceRowBytes = _sourceSide * 4;
        var targetRowFloats = _targetSide * 4;
        var sourcePixels = MemoryMarshal.Cast<float, Vector4>(sourceRow.AsSpan());
        for (var y = from; y < to; y++)
        {
            ToFloats(source.AsSpan(y * sourceRowBytes, sourceRowBytes), sourceRow);
            var outPixels = MemoryMarshal.Cast<float, Vector4>(_intermediate.AsSpan(y * targetRowFloats, targetRowFloats));
            for (var x = 0; x < _targetSide; x++)
            {
                var taps = _across.Weights(x);
                var pixels = sourcePixels.Slice(_across.Start[x], taps.Length);
                var sum = Vector4.Zero;
                for (var k = 0; k < taps.Length; k++)
                {
                    sum += pixels[k] * taps[k];
                }

                outPixels[x] = sum;
            }
        }
    }

    /// <summary>
    /// Down: target rows [from, to), each a weighted sum of whole intermediate rows; the weights carry the channel
    /// gains (RGBA repeats every 4 floats and Vector&lt;float&gt;.Count is a multiple of 4, so one pattern fits every lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Down(byte[] target, int from, int to, float[] targetRow, Vector4 gain)
    {
        var targetRowFloats = _targetSide * 4;
        Span<float> pattern = stackalloc float[Vector<float>.Count];
        for (var i = 0; i < pattern.Length; i++)
        {
            pattern[i] = gain[i % 4];
        }

        var gains = new Vector<float>(pattern);
        var row = targetRow.AsSpan();
        for (var y = from; y < to; y++)
        {
            row.Clear();
            var taps = _down.Weights(y);
            for (var k = 0; k < taps.Length; k++)
            {
                AddScaled(row, _intermediate.AsSpan((_down.Start[y] + k) * targetRowFloats, targetRowFloats), gains * taps[k], gain * taps[k]);
            }

            ToBytes(row, target.AsSpan(y * targetRowFloats, targetRowFloats));
        }
    }

    private static double CatmullRom(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        return x < 1 ? (((a + 2) * x) - (a + 3)) * x * x + 1
            : x < 2 ? (((((x - 5) * x) + 8) * x) - 4) * a
            : 0;
    }

    private static void ToFloats(ReadOnlySpan<byte> bytes, Span<float> floats)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<byte>.Count;
            var quarter = Vector<float>.Count;
            for (; i + step <= bytes.Length; i += step)
            {
                Vector.Widen(new Vector<byte>(bytes[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                Vector.ConvertToSingle(a).CopyTo(floats[i..]);
                Vector.ConvertToSingle(b).CopyTo(floats[(i + quarter)..]);
                Vector.ConvertToSingle(c).CopyTo(floats[(i + (2 * quarter))..]);
                Vector.ConvertToSingle(d).CopyTo(floats[(i + (3 * quarter))..]);
            }
        }

        for (; i < bytes.Length; i++)
        {
            floats[i] = bytes[i];
        }
    }

    private static void AddScaled(Span<float> sum, ReadOnlySpan<float> row, Vector<float> weights, Vector4 weight)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<float>.Count;
            for (; i + step <= sum.Length; i += step)
            {
                (new Vector<float>(sum[i..]) + (new Vector<float>(row[i..]) * weights)).CopyTo(sum[i..]);
            }
        }

        for (; i < sum.Length; i++)
        {
            sum[i] += row[i] * weight[i % 4];
        }
    }

    private static void ToBytes(ReadOnlySpan<float> floats, Span<byte> bytes)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<byte>.Count;
            var quarter = Vector<float>.Count;
            var half = new Vector<float>(0.5f);
            var max = new Vector<float>(255f);
            for (; i + step <= floats.Length; i += step)
            {
                var a = Round(floats[i..], half, max);
                var b = Round(floats[(i + quarter)..], half, max);
                var c = Round(floats[(i + (2 * quarter))..], half, max);
                var d = Round(floats[(i + (3 * quarter))..], half, max);
                var low = Vector.AsVectorUInt16(Vector.Narrow(a, b));
                var high = Vector.AsVectorUInt16(Vector.Narrow(c, d));
                Vector.Narrow(low, high).CopyTo(bytes[i..]);
            }
        }

        for (; i < floats.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp((int)(floats[i] + 0.5f), 0, 255);
        }
    }

    /// <summary>Clamps to 0..255 (cubic overshoots) and rounds to the nearest integer.</summary>
    private static Vector<int> Round(ReadOnlySpan<float> values, Vector<float> half, Vector<float> max)
        => Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(values) + half, half), max + half));

    /// <summary>
    /// One axis's filter: for each target pixel the first source pixel and its weights. Rebuilt only when the
    /// sub-pixel offset changes; a sampling centre pushed past the source is clamped to its edge, so a shifted frame
    /// repeats its border rather than fading it out.
    /// </summary>
    private sealed class Taps
    {
        private readonly int _sourceSide;
        private readonly double _scale;
        private readonly double _filterScale;
        private readonly double _support;
        private readonly int _maxTaps;
        private readonly int[] _count;
        private readonly float[] _weights;
        private double _offset = double.NaN;

        public Taps(int sourceSide, int targetSide)
        {
            _sourceSide = sourceSide;
            _scale = (double)sourceSide / targetSide;
            _filterScale = Math.Max(_scale, 1.0);
            _support = Support * _filterScale;
            _maxTaps = (int)Math.Ceiling(_support * 2) + 2;
            Start = new int[targetSide];
            _count = new int[targetSide];
            _weights = new float[targetSide * _maxTaps];
        }

        public int[] Start { get; }

        public ReadOnlySpan<float> Weights(int target) => _weights.AsSpan(target * _maxTaps, _count[target]);

        public void Prepare(double offset)
        {
            if (offset == _offset)
            {
                return;
            }

            _offset = offset;
            for (var i = 0; i < Start.Length; i++)
            {
                var centre = Math.Clamp(((i + 0.5) * _scale) + offset, 0, _sourceSide);
                var first = Math.Max(0, (int)Math.Floor(centre - _support));
                var last = Math.Min(_sourceSide - 1, (int)Math.Ceiling(centre + _support));
                var sum = 0.0;
                var taps = 0;
                var weights = _weights.AsSpan(i * _maxTaps, _maxTaps);
                for (var j = first; j <= last && taps < _maxTaps; j++, taps++)
                {
                    var w = CatmullRom((j + 0.5 - centre) / _filterScale);
                    weights[taps] = (float)w;
                    sum += w;
                }

                for (var k = 0; k < taps; k++)
                {
                    weights[k] = (float)(weights[k] / sum);
                }

                Start[i] = first;
                _count[i] = taps;
            }
        }
    }
}
