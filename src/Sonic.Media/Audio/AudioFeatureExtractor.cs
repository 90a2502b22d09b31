using NAudio.Dsp;

namespace Sonic.Media.Audio;

/// <summary>
/// Computes <see cref="AudioFeatures"/>: one row per 40 ms video frame (640 samples of 16 kHz mono) with loudness,
/// low-band share, high-band share and onset strength, each in [0, 1].
/// </summary>
/// <remarks>
/// Row <c>i</c> describes samples <c>[640·i, 640·i + 640)</c>. Loudness is that span's RMS level; the spectral
/// columns come from a Hann-windowed 1024-point FFT (64 ms) centred on the span. Levels are relative to the clip's own
/// speech level (its 95th-percentile frame), so a quiet and a loud recording of the same words give the same rows.
/// </remarks>
public static class AudioFeatureExtractor
{
    /// <summary>Dynamic range mapped onto loudness [0, 1]: 40 dB under the speech level is silence.</summary>
    public const double LoudnessRangeDb = 40.0;

    /// <summary>Percentile of frame levels (and of onset strengths) taken as the clip's reference.</summary>
    public const double ReferencePercentile = 0.95;

    public const double LowBandUpperHz = 1000.0;

    public const double HighBandLowerHz = 4000.0;

    /// <summary>Bins below this are ignored in the band shares: DC offset and rumble say nothing about the mouth.</summary>
    public const double SpectrumLowerHz = 60.0;

    private const int FftOrder = 10;
    private const int FftSize = 1 << FftOrder;
    private const int SampleRate = AudioResampler.SpeechSampleRate;
    private const int Hop = AudioFeatures.SamplesPerFrameAt16k;

    /// <summary>Rows for a clip of <paramref name="samples"/> 16 kHz samples: the video frame count at 25 fps.</summary>
    public static int FrameCountFor(int samples)
        => Math.Max(1, (int)Math.Round((double)samples / Hop, MidpointRounding.AwayFromZero));

    public static AudioFeatures Extract(ReadOnlySpan<float> mono16k)
    {
        var frameCount = FrameCountFor(mono16k.Length);
        var levels = new double[frameCount];
        var lowShares = new double[frameCount];
        var highShares = new double[frameCount];
        var flux = new double[frameCount];

        var window = new float[FftSize];
        for (var i = 0; i < FftSize; i++)
        {
            window[i] = (float)(0.5 * (1 - Math.Cos(2 * Math.PI * i / FftSize)));
        }

        const double BinHz = (double)SampleRate / FftSize;
        var firstBin = (int)Math.Ceiling(SpectrumLowerHz / BinHz);
        var lowEnd = (int)Math.Ceiling(LowBandUpperHz / BinHz);      // bins [firstBin, lowEnd) are below 1 kHz
        var highStart = (int)Math.Floor(HighBandLowerHz / BinHz) + 1; // bins [highStart, N/2] are above 4 kHz
        var spectrum = new Complex[FftSize];
        var magnitude = new double[(FftSize / 2) + 1];
        var previousMagnitude = new double[(FftSize / 2) + 1];

        for (var frame = 0; frame < frameCount; frame++)
        {
            var spanStart = Math.Min(frame * Hop, mono16k.Length);
            var spanLength = Math.Min(Hop, mono16k.Length - spanStart);
            levels[frame] = SilenceTrimmer.Dbfs(mono16k.Slice(spanStart, spanLength));

            var windowStart = (frame * Hop) + (Hop / 2) - (FftSize / 2);
            for (var i = 0; i < FftSize; i++)
            {
                var index = windowStart + i;
                var sample = index >= 0 && index < mono16k.Length ? mono16k[index] : 0f;
                spectrum[i] = new Complex { X = sample * window[i], Y = 0 };
            }

            FastFourierTransform.FFT(true, FftOrder, spectrum);

            double total = 0, low = 0, high = 0, rise = 0;
            for (var k = 0; k <= FftSize / 2; k++)
            {
                var power = ((double)spectrum[k].X * spectrum[k].X) + ((double)spectrum[k].Y * spectrum[k].Y);
                magnitude[k] = Math.Sqrt(power);
                rise += Math.Max(0, magnitude[k] - previousMagnitude[k]);
                if (k < firstBin)
                {
                    continue;
                }

                total += power;
                if (k < lowEnd)
                {
                    low += power;
                }
                else if (k >= highStart)
                {
                    high += power;
                }
            }

            lowShares[frame] = total > 0 ? low / total : 0;
            highShares[frame] = total > 0 ? high / total : 0;
            flux[frame] = rise;
            (magnitude, previousMagnitude) = (previousMagnitude, magnitude);
        }

        var speechLevel = Percentile(levels, ReferencePercentile);
        var fluxReference = Percentile(flux, ReferencePercentile);
        var values = new float[frameCount * AudioFeatures.Dimension];
        for (var frame = 0; frame < frameCount; frame++)
        {
            var loudness = double.IsFinite(speechLevel)
                ? Math.Clamp((levels[frame] - (speechLevel - LoudnessRangeDb)) / LoudnessRangeDb, 0, 1)
                : 0;
            var row = values.AsSpan(frame * AudioFeatures.Dimension, AudioFeatures.Dimension);
            row[AudioFeatures.Loudness] = (float)loudness;

            // Band shares of room noise are meaningless: frames at or below the silence floor get 0.
            row[AudioFeatures.LowBand] = loudness > 0 ? (float)lowShares[frame] : 0f;
            row[AudioFeatures.HighBand] = loudness > 0 ? (float)highShares[frame] : 0f;
            row[AudioFeatures.Onset] = fluxReference > 0 ? (float)Math.Clamp(flux[frame] / fluxReference, 0, 1) : 0f;
        }

        return new AudioFeatures(frameCount, values);
    }

    /// <summary>The <paramref name="fraction"/> quantile of the finite values (−∞ when there are none).</summary>
    private static double Percentile(double[] values, double fraction)
    {
        var finite = Array.FindAll(values, double.IsFinite);
        if (finite.Length == 0)
        {
            return double.NegativeInfinity;
        }

        Array.Sort(finite);
        return finite[(int)Math.Round(fraction * (finite.Length - 1))];
    }
}
