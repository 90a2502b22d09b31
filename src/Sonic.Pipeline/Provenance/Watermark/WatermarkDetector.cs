namespace Sonic.Pipeline.Provenance.Watermark;

/// <summary>
/// Finds the invisible watermark blind, in frames already shrunk to the code's grid (one luma sample per cell):
/// a ±<see cref="HalfWindow"/>-frame temporal high-pass removes the still portrait and the head's slow sway, then the
/// residue is correlated with the chip sequence at every phase (the video may have been cut anywhere), and the phase
/// with the strongest evidence of pilot and payload together wins. Correlations are measured in units of the decoy
/// patterns' spread, so the score means the same on any picture. Streams: memory is the window, the per-phase sums and
/// the per-cell change histograms, whatever the length.
/// </summary>
public sealed class WatermarkDetector(WatermarkCode code)
{
    public const int HalfWindow = 12;

    /// <summary>
    /// Score from which a video counts as marked: 6 spreads above unmarked video's mean (<see cref="Confidence"/>);
    /// marked videos score 38–75 after the attacks the tests apply.
    /// </summary>
    public const double Threshold = 15.0;

    /// <summary>
    /// The weakest payload byte's score (in noise units) from which the payload is reported: the chance that one of
    /// the 255 wrong patterns of a byte scores as high by chance is then about 255 × P(z &gt; 5) ≈ 7·10⁻⁵.
    /// </summary>
    public const double PayloadThreshold = 5.0;

    /// <summary>Noise power no cell goes below (grey levels²): compression noise, so a frozen cell cannot take over.</summary>
    private const double NoiseFloor = 0.25;

    private const double NullMean = 3.3;
    private const double NullSpread = 1.9;

    // Mean and standard deviation of the largest of 256 independent standard normals (numerical integration).
    private const double MaxOf256Mean = 2.8269;
    private const double MaxOf256Deviation = 0.3920;

    /// <summary>Fewer frames than this (1 s at 25 fps) are not enough to tell.</summary>
    public const int MinimumFrames = 25;

    private const int Cells = WatermarkCode.Cells;

    // Per cell, a histogram of the change from one frame to the next in half grey levels: its median is the
    // picture's own noise there (the mark changes in at most one step in four, and a median ignores those).
    private const int ChangeBins = 32;

    private readonly Queue<float[]> _window = new();
    private readonly double[][] _sums = Enumerable.Range(0, WatermarkCode.Period).Select(_ => new double[Cells]).ToArray();
    private readonly int[] _changes = new int[Cells * ChangeBins];
    private float[]? _previous;
    private int _received;
    private int _processed;

    /// <summary>Adds the next frame: <see cref="WatermarkCode.Cells"/> grey samples, row by row.</summary>
    public void Add(ReadOnlySpan<byte> cells)
    {
        if (cells.Length != Cells)
        {
            throw new ArgumentException($"A frame has {Cells} cells.", nameof(cells));
        }

        var frame = new float[Cells];
        for (var i = 0; i < Cells; i++)
        {
            frame[i] = cells[i];
        }

        if (_previous is not null)
        {
            for (var i = 0; i < Cells; i++)
            {
                _changes[(i * ChangeBins) + Math.Min(ChangeBins - 1, (int)(Math.Abs(frame[i] - _previous[i]) * 2))]++;
            }
        }

        _previous = frame;
        _window.Enqueue(frame);
        _received++;
        // Frame t is filtered once frame t + HalfWindow is in; the window keeps t − HalfWindow … t + HalfWindow.
        if (_received > HalfWindow)
        {
            Process(_received - 1);
        }
    }

    /// <summary>What the frames added so far say.</summary>
    public WatermarkReading Finish()
    {
        while (_processed < _received)
        {
            Process(_received - 1);
        }

        if (_received < MinimumFrames)
        {
            return WatermarkReading.NotFound(0, 0);
        }

        // Cells where the picture itself moves (the face) are noisy, still ones (the background) quiet: each cell is
        // weighted by the inverse of its noise power, the matched filter for noise that differs from cell to cell.
        var weights = Enumerable.Range(0, Cells).Select(i => 1 / (NoisePower(i) + NoiseFloor)).ToArray();
        var (bestPhase, bestScore) = (0, double.MinValue);
        for (var phase = 0; phase < WatermarkCode.Period; phase++)
        {
            var score = Evaluate(_sums[phase], weights, refine: false).Score;
            if (score > bestScore)
            {
                (bestPhase, bestScore) = (phase, score);
            }
        }

        var best = Evaluate(_sums[bestPhase], weights, refine: true);
        var confidence = Confidence(best.Score);
        if (best.Score < Threshold)
        {
            return WatermarkReading.NotFound(confidence, best.Score);
        }

        // A byte is read right when its pattern beats the 255 others; below PayloadThreshold one of them may have.
        var payload = best.Weakest >= PayloadThreshold ? best.Payload : (ulong?)null;
        return new WatermarkReading(true, payload, confidence, Math.Round(best.Score, 2), Math.Round(best.Weakest, 2));
    }

    /// <summary>
    /// The evidence at one phase. Each payload byte is the symbol pattern that correlates best; the pilot's and the
    /// eight winners' amplitudes are then fitted together (weighted least squares, so no pattern is credited with its
    /// neighbours' cross-talk — with uneven weights that cross-talk is large), and with <paramref name="refine"/> each
    /// byte is chosen once more with the other eight fits taken out. The score adds the nine amplitudes in noise units,
    /// less what eight maxima of 256 pure-noise correlations add up to on average, divided by the spread of that sum
    /// (a standard normal if the noise were white).
    /// </summary>
    private (double Score, ulong Payload, double Weakest) Evaluate(double[] sums, double[] weights, bool refine)
    {
        var weighted = Weigh(sums, weights);
        var values = new int[WatermarkCode.Symbols];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = BestSymbol(weighted, k);
        }

        var amplitudes = Fit(sums, weights, values);
        if (refine)
        {
            for (var k = 0; k < values.Length; k++)
            {
                var others = (double[])sums.Clone();
                for (var j = 0; j < amplitudes.Length; j++)
                {
                    if (j != k + 1)
                    {
                        Subtract(others, amplitudes[j], Pattern(j, values));
                    }
                }

                values[k] = BestSymbol(Weigh(others, weights), k);
            }

            amplitudes = Fit(sums, weights, values);
        }

        // The noise is measured on what the nine fits leave: a strong mark would otherwise count as its own noise.
        var residue = (double[])sums.Clone();
        for (var j = 0; j < amplitudes.Length; j++)
        {
            Subtract(residue, amplitudes[j], Pattern(j, values));
        }

        var noise = DecoySpread(Weigh(residue, weights));
        var payload = values.Aggregate(0UL, (bits, value) => (bits << 8) | (uint)value);
        if (noise <= 0)
        {
            return (0, payload, 0);
        }

        var totalWeight = weights.Sum();
        var z = amplitudes.Select(a => a * totalWeight / noise).ToArray();
        var score = (z.Sum() - (WatermarkCode.Symbols * MaxOf256Mean)) / Math.Sqrt(1 + (WatermarkCode.Symbols * MaxOf256Deviation * MaxOf256Deviation));
        return (score, payload, z.Skip(1).Min());
    }

    private int BestSymbol(double[] weighted, int position)
    {
        var (value, strength) = (0, double.MinValue);
        for (var v = 0; v < WatermarkCode.Alphabet; v++)
        {
            var c = Correlate(weighted, code.Symbol(position, v));
            if (c > strength)
            {
                (value, strength) = (v, c);
            }
        }

        return value;
    }

    /// <summary>Pattern <paramref name="j"/> of the nine: the pilot, then the chosen symbol of each byte.</summary>
    private ReadOnlySpan<sbyte> Pattern(int j, int[] values) => j == 0 ? code.Pilot : code.Symbol(j - 1, values[j - 1]);

    /// <summary>The nine amplitudes that best explain <paramref name="sums"/> in the weighted least-squares sense (a 9×9 solve).</summary>
    private double[] Fit(double[] sums, double[] weights, int[] values)
    {
        var n = WatermarkCode.Symbols + 1;
        var system = new double[n, n + 1];
        for (var a = 0; a < n; a++)
        {
            var pa = Pattern(a, values);
            for (var b = a; b < n; b++)
            {
                var pb = Pattern(b, values);
                var g = 0.0;
                for (var i = 0; i < Cells; i++)
                {
                    g += weights[i] * pa[i] * pb[i];
                }

                system[a, b] = system[b, a] = g;
            }

            var y = 0.0;
            for (var i = 0; i < Cells; i++)
            {
                y += weights[i] * pa[i] * sums[i];
            }

            system[a, n] = y;
        }

        // Gaussian elimination; the matrix is symmetric positive definite (nearly diagonal), so no pivoting is needed.
        for (var c = 0; c < n; c++)
        {
            for (var r = c + 1; r < n; r++)
            {
                var f = system[r, c] / system[c, c];
                for (var k = c; k <= n; k++)
                {
                    system[r, k] -= f * system[c, k];
                }
            }
        }

        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var v = system[r, n];
            for (var k = r + 1; k < n; k++)
            {
                v -= system[r, k] * x[k];
            }

            x[r] = v / system[r, r];
        }

        return x;
    }

    private static void Subtract(double[] sums, double amplitude, ReadOnlySpan<sbyte> pattern)
    {
        for (var i = 0; i < Cells; i++)
        {
            sums[i] -= amplitude * pattern[i];
        }
    }

    private double DecoySpread(double[] sums)
    {
        var power = 0.0;
        for (var d = 0; d < WatermarkCode.Decoys; d++)
        {
            var c = Correlate(sums, code.Decoy(d));
            power += c * c;
        }

        return Math.Sqrt(power / WatermarkCode.Decoys);
    }

    /// <summary>A cell's frame-to-frame change, as a noise power: (median change)² (in grey levels²).</summary>
    private double NoisePower(int cell)
    {
        var half = (_received - 1) / 2;
        var seen = 0;
        for (var bin = 0; bin < ChangeBins; bin++)
        {
            seen += _changes[(cell * ChangeBins) + bin];
            if (seen > half)
            {
                var median = (bin + 0.5) / 2;
                return median * median;
            }
        }

        return ChangeBins * ChangeBins / 4.0;
    }

    private static double[] Weigh(double[] sums, double[] weights)
    {
        var weighted = new double[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            weighted[i] = sums[i] * weights[i];
        }

        return weighted;
    }

    /// <summary>
    /// 1 − the share of unmarked videos that score at least <paramref name="score"/>: the scores of unmarked video
    /// (after the phase search) fitted by a normal of mean <see cref="NullMean"/> and spread <see cref="NullSpread"/>,
    /// measured on the 100 unmarked clips of the tests (our renders with the mark off and ffmpeg's test sources:
    /// mean 3.2–3.3, standard deviation 1.7–1.9, highest 9.6). Pure noise would centre lower; the portraits' and test
    /// sources' own structure correlates a little with some of the 2,048 symbol patterns.
    /// </summary>
    public static double Confidence(double score) => Math.Round(1 - NormalTail((score - NullMean) / NullSpread), 6);

    private void Process(int newest)
    {
        var t = _processed;
        var first = Math.Max(0, t - HalfWindow);
        var last = Math.Min(newest, t + HalfWindow);
        while (_window.Count > 0 && _received - _window.Count < first)
        {
            _window.Dequeue();
        }

        var mean = new double[Cells];
        var count = 0;
        var frameOfT = (float[]?)null;
        var index = _received - _window.Count;
        foreach (var frame in _window)
        {
            if (index >= first && index <= last)
            {
                for (var i = 0; i < Cells; i++)
                {
                    mean[i] += frame[i];
                }

                count++;
            }

            if (index == t)
            {
                frameOfT = frame;
            }

            index++;
        }

        var residue = new double[Cells];
        for (var i = 0; i < Cells; i++)
        {
            residue[i] = frameOfT![i] - (mean[i] / count);
        }

        for (var phase = 0; phase < WatermarkCode.Period; phase++)
        {
            var sign = code.Strength(t + phase);
            var sums = _sums[phase];
            for (var i = 0; i < Cells; i++)
            {
                sums[i] += sign * residue[i];
            }
        }

        _processed++;
    }

    private static double Correlate(double[] sums, ReadOnlySpan<sbyte> pattern)
    {
        var total = 0.0;
        for (var i = 0; i < Cells; i++)
        {
            total += sums[i] * pattern[i];
        }

        return total;
    }

    /// <summary>P(N(0,1) &gt; z), from the complementary error function (Numerical Recipes' erfcc, relative error &lt; 1.2e-7).</summary>
    private static double NormalTail(double z)
    {
        var x = z / Math.Sqrt(2);
        var a = Math.Abs(x);
        var t = 1 / (1 + (0.5 * a));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var polynomial = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            polynomial = c[i] + (t * polynomial);
        }

        var erfc = t * Math.Exp(-(a * a) + polynomial);
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }
}
