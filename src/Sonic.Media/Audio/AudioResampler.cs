using System.Numerics;

namespace Sonic.Media.Audio;

/// <summary>
/// Downmixes to mono (mean of the channels) and converts the sample rate with a polyphase windowed-sinc filter
/// (bandlimited interpolation as in J. O. Smith's "Digital Audio Resampling"): exact rational phase per output
/// sample, so timing never drifts over a long clip, and a Kaiser-windowed low-pass below the lower Nyquist
/// frequency, so content above 8 kHz does not fold back into the speech band.
/// </summary>
/// <remarks>
/// NAudio's WdlResampler would also do; this one is written for a whole buffer at once, which keeps output sample
/// <c>n</c> exactly at input time <c>n · inRate / outRate</c> with no streaming latency to compensate.
/// </remarks>
public static class AudioResampler
{
    /// <summary>The rate the speech front end (Whisper, features, silence detection) works at.</summary>
    public const int SpeechSampleRate = 16_000;

    /// <summary>Half-width of the interpolation kernel in zero crossings of the low-pass sinc.</summary>
    public const int KernelZeroCrossings = 16;

    /// <summary>Kaiser window β: about 80 dB of stop-band attenuation.</summary>
    public const double KaiserBeta = 8.0;

    /// <summary>Pass band edge as a fraction of the lower of the two Nyquist frequencies (7.6 kHz at 16 kHz).</summary>
    public const double CutoffFraction = 0.95;

    private const int OutputBlock = 4096;

    /// <summary>
    /// Mono at 16 kHz, the input of the speech front end. Returns <paramref name="audio"/>'s own array when it is
    /// already mono at 16 kHz (no copy); treat the result as read-only.
    /// </summary>
    public static float[] ToMono16k(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return audio is { Channels: 1, SampleRate: SpeechSampleRate }
            ? audio.Samples
            : ResampleToMono(audio.Samples, audio.Channels, audio.SampleRate, SpeechSampleRate);
    }

    /// <summary>Mean of the channels of each frame.</summary>
    public static float[] DownmixToMono(ReadOnlySpan<float> interleaved, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var mono = new float[interleaved.Length / channels];
        Downmix(interleaved, channels, 0, mono);
        return mono;
    }

    /// <summary>Number of output samples for <paramref name="inputFrames"/> frames: the same duration, rounded.</summary>
    public static int OutputLength(int inputFrames, int inputRate, int outputRate)
        => (int)((((long)inputFrames * outputRate) + (inputRate / 2)) / inputRate);

    /// <summary>Downmixes <paramref name="interleaved"/> and resamples it from <paramref name="inputRate"/> to <paramref name="outputRate"/>.</summary>
    public static float[] ResampleToMono(ReadOnlySpan<float> interleaved, int channels, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate)
        {
            return DownmixToMono(interleaved, channels);
        }

        var inputFrames = interleaved.Length / channels;
        var output = new float[OutputLength(inputFrames, inputRate, outputRate)];
        var kernel = PolyphaseKernel.Create(inputRate, outputRate);
        var taps = kernel.TapsPerPhase;
        var before = (taps / 2) - 1; // taps that reach back from the base input sample

        var scratch = new float[(int)(((long)OutputBlock * kernel.Decimation / kernel.Interpolation) + taps + 2)];
        for (var blockStart = 0; blockStart < output.Length; blockStart += OutputBlock)
        {
            var blockEnd = Math.Min(blockStart + OutputBlock, output.Length);
            var firstInput = kernel.BaseInput(blockStart) - before;
            var lastInput = kernel.BaseInput(blockEnd - 1) - before + taps;
            var span = scratch.AsSpan(0, (int)(lastInput - firstInput));
            span.Clear();

            // Downmix only the input this block needs; indices outside the signal stay zero.
            var from = (int)Math.Max(firstInput, 0);
            var to = (int)Math.Min(lastInput, inputFrames);
            if (to > from)
            {
                Downmix(interleaved[(from * channels)..(to * channels)], channels, (int)(from - firstInput), span);
            }

            for (var n = blockStart; n < blockEnd; n++)
            {
                var window = span.Slice((int)(kernel.BaseInput(n) - before - firstInput), taps);
                output[n] = Dot(window, kernel.Phase(n));
            }
        }

        return output;
    }

    private static void Downmix(ReadOnlySpan<float> interleaved, int channels, int destinationOffset, Span<float> destination)
    {
        var frames = interleaved.Length / channels;
        if (channels == 1)
        {
            interleaved[..frames].CopyTo(destination[destinationOffset..]);
            return;
        }

        var scale = 1f / channels;
        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            var frame = interleaved.Slice(f * channels, channels);
            foreach (var sample in frame)
            {
                sum += sample;
            }

            destination[destinationOffset + f] = sum * scale;
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
