using Sonic.Media.Audio;

namespace Sonic.Media.Tests.Audio;

/// <summary>Synthetic signals and the measurements the audio tests make on them.</summary>
internal static class TestSignals
{
    public static float[] Sine(double frequency, int sampleRate, double seconds, double amplitude = 0.5)
    {
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    public static double Rms(ReadOnlySpan<float> samples)
    {
        var energy = 0.0;
        foreach (var sample in samples)
        {
            energy += (double)sample * sample;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(energy / samples.Length);
    }

    /// <summary>Frequency from the mean spacing of rising zero crossings (linearly interpolated).</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<float> samples, int sampleRate)
    {
        double first = -1, last = -1;
        var count = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                var position = i - 1 + (samples[i - 1] / (double)(samples[i - 1] - samples[i]));
                if (first < 0)
                {
                    first = position;
                }
                else
                {
                    count++;
                }

                last = position;
            }
        }

        return count == 0 ? 0 : count * sampleRate / (last - first);
    }

    /// <summary>Pearson correlation of two equally long series.</summary>
    public static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n = Math.Min(a.Length, b.Length);
        double meanA = 0, meanB = 0;
        for (var i = 0; i < n; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= n;
        meanB /= n;
        double cov = 0, varA = 0, varB = 0;
        for (var i = 0; i < n; i++)
        {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }

        return cov / Math.Sqrt(varA * varB);
    }

    /// <summary>
    /// The shift of <paramref name="delayed"/> against <paramref name="reference"/> (0…<paramref name="maxLag"/>
    /// samples) with the highest normalised correlation over the first <paramref name="length"/> samples.
    /// </summary>
    public static (int Lag, double Correlation) BestLag(float[] reference, float[] delayed, int maxLag, int length)
    {
        var best = (Lag: 0, Correlation: double.NegativeInfinity);
        for (var lag = 0; lag <= maxLag; lag++)
        {
            double cross = 0, energyA = 0, energyB = 0;
            for (var i = 0; i < length; i++)
            {
                cross += (double)reference[i] * delayed[i + lag];
                energyA += (double)reference[i] * reference[i];
                energyB += (double)delayed[i + lag] * delayed[i + lag];
            }

            var correlation = cross / Math.Sqrt(energyA * energyB);
            if (correlation > best.Correlation)
            {
                best = (lag, correlation);
            }
        }

        return best;
    }

    /// <summary>RMS of consecutive 20 ms windows: a loudness envelope to compare two decodes of the same speech.</summary>
    public static double[] Envelope(ReadOnlySpan<float> mono16k)
    {
        const int Window = 320;
        var envelope = new double[mono16k.Length / Window];
        for (var i = 0; i < envelope.Length; i++)
        {
            envelope[i] = Rms(mono16k.Slice(i * Window, Window));
        }

        return envelope;
    }

    /// <summary><paramref name="audio"/> with <paramref name="seconds"/> of digital silence added before and after.</summary>
    public static PcmAudio PadWithSilence(PcmAudio audio, double seconds)
    {
        var padFrames = (int)Math.Round(seconds * audio.SampleRate);
        var samples = new float[(audio.FrameCount + (2 * padFrames)) * audio.Channels];
        audio.Samples.CopyTo(samples, padFrames * audio.Channels);
        return new PcmAudio(samples, audio.SampleRate, audio.Channels);
    }
}
