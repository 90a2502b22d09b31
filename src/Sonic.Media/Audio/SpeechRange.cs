namespace Sonic.Media.Audio;

/// <summary>The part of a clip that is kept after trimming silence, as sample indices <c>[Start, End)</c> at <see cref="SampleRate"/>.</summary>
public readonly record struct SpeechRange(int StartSample, int EndSample, int SampleRate)
{
    public int Length => EndSample - StartSample;

    public double StartSeconds => (double)StartSample / SampleRate;

    public double EndSeconds => (double)EndSample / SampleRate;

    public double DurationSeconds => (double)Length / SampleRate;

    /// <summary>The same time span as a frame range at another rate (rounded to the nearest frame, clamped).</summary>
    public (int StartFrame, int EndFrame) AtRate(int sampleRate, int frameCount)
    {
        var start = (int)Math.Clamp(Math.Round((double)StartSample * sampleRate / SampleRate), 0, frameCount);
        var end = (int)Math.Clamp(Math.Round((double)EndSample * sampleRate / SampleRate), start, frameCount);
        return (start, end);
    }
}
