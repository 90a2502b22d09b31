namespace Sonic.Media.Audio;

/// <summary>
/// The windowed-sinc taps for every output phase of a rational rate change <c>L/M</c> (L = interpolation,
/// M = decimation, reduced by their gcd). Output sample <c>n</c> sits at input time <c>n·M/L</c>: base sample
/// <c>⌊n·M/L⌋</c>, phase <c>(n·M) mod L</c>.
/// </summary>
internal sealed class PolyphaseKernel
{
    private readonly float[] _taps;

    private PolyphaseKernel(int interpolation, int decimation, int tapsPerPhase, float[] taps)
    {
        Interpolation = interpolation;
        Decimation = decimation;
        TapsPerPhase = tapsPerPhase;
        _taps = taps;
    }

    public int Interpolation { get; }

    public int Decimation { get; }

    public int TapsPerPhase { get; }

    public static PolyphaseKernel Create(int inputRate, int outputRate)
    {
        var gcd = Gcd(inputRate, outputRate);
        var interpolation = outputRate / gcd;
        var decimation = inputRate / gcd;

        // Cut-off relative to the input Nyquist frequency; downsampling moves it down to the output's.
        var cutoff = Math.Min(1.0, (double)outputRate / inputRate) * AudioResampler.CutoffFraction;
        var halfWidth = AudioResampler.KernelZeroCrossings / cutoff;
        var tapsPerPhase = 2 * (int)Math.Ceiling(halfWidth);
        var before = (tapsPerPhase / 2) - 1;
        var besselOfBeta = BesselI0(AudioResampler.KaiserBeta);

        var taps = new float[interpolation * tapsPerPhase];
        var weights = new double[tapsPerPhase];
        for (var phase = 0; phase < interpolation; phase++)
        {
            var fraction = (double)phase / interpolation;
            var sum = 0.0;
            for (var j = 0; j < tapsPerPhase; j++)
            {
                var x = j - before - fraction; // distance from the output instant, in input samples
                var w = Math.Abs(x) >= halfWidth
                    ? 0.0
                    : cutoff * Sinc(cutoff * x) * BesselI0(AudioResampler.KaiserBeta * Math.Sqrt(1 - Math.Pow(x / halfWidth, 2))) / besselOfBeta;
                weights[j] = w;
                sum += w;
            }

            // Unit gain at DC for every phase: no ripple from phase to phase.
            for (var j = 0; j < tapsPerPhase; j++)
            {
                taps[(phase * tapsPerPhase) + j] = (float)(weights[j] / sum);
            }
        }

        return new PolyphaseKernel(interpolation, decimation, tapsPerPhase, taps);
    }

    public long BaseInput(long outputIndex) => outputIndex * Decimation / Interpolation;

    public ReadOnlySpan<float> Phase(long outputIndex)
        => _taps.AsSpan((int)(outputIndex * Decimation % Interpolation) * TapsPerPhase, TapsPerPhase);

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20).</summary>
    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var quarterSquare = x * x / 4;
        for (var k = 1; k < 50 && term > sum * 1e-12; k++)
        {
            term *= quarterSquare / (k * k);
            sum += term;
        }

        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
