using NLayer;

namespace Sonic.Media.Audio;

/// <summary>
/// Decodes MPEG audio (MP3, and layers I/II) with NLayer, a managed decoder: NAudio's MP3 path needs Windows' ACM.
/// </summary>
internal static class MpegSampleReader
{
    private const int SamplesPerRead = 1152 * 2 * 32;

    public static PcmAudio Read(string path, TimeSpan? maxDuration, CancellationToken cancellationToken)
    {
        using var mpeg = new MpegFile(path);
        var sampleRate = mpeg.SampleRate;
        var channels = mpeg.Channels;
        if (sampleRate < 1 || channels < 1)
        {
            throw new AudioDecodeException($"MPEG stream reports {sampleRate} Hz and {channels} channels.");
        }

        // NLayer's Length is an estimate in bytes of float samples; good enough to size the buffer once.
        var estimate = mpeg.Length / sizeof(float);
        var limitSamples = AudioDecoder.MaxFrames(maxDuration, sampleRate) is { } limit ? limit * channels : long.MaxValue;
        var bufferCap = Math.Min(limitSamples, Array.MaxLength / 2) + SamplesPerRead;
        var buffer = new SampleBuffer((int)Math.Clamp(estimate + SamplesPerRead, 0, bufferCap));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (array, offset) = buffer.GetArray(SamplesPerRead);
            var read = mpeg.ReadSamples(array, offset, SamplesPerRead);
            if (read <= 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.Count > limitSamples)
            {
                throw AudioDecoder.TooLong(maxDuration!.Value);
            }
        }

        var whole = buffer.Count / channels * channels;
        var samples = buffer.ToArray();
        return new PcmAudio(whole == samples.Length ? samples : samples[..whole], sampleRate, channels);
    }
}
