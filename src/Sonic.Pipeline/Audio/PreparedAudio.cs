using System.Text.Json.Serialization;
using Sonic.Media.Audio;

namespace Sonic.Pipeline.Audio;

/// <summary>
/// The audio stage's result: the trimmed audio written to the job's work folder, what was measured, and the per-frame
/// features that drive the animation. Serialisable (the 16 kHz samples stay out of JSON; they are in
/// <see cref="Mono16kWavPath"/> as well).
/// </summary>
/// <param name="WavPath"><c>audio.wav</c>: trimmed, original rate and channels, 32-bit float; muxed into the MP4.</param>
/// <param name="Mono16kWavPath"><c>audio_16k.wav</c>: the same span as 16 kHz mono float, the speech front end's input.</param>
/// <param name="SourceDurationSeconds">Duration of the whole decoded input.</param>
/// <param name="DurationSeconds">Duration of <see cref="WavPath"/> (after trimming); the video lasts as long.</param>
/// <param name="TrimStartSeconds">Where the kept span starts in the input (0 when nothing was trimmed).</param>
/// <param name="TrimEndSeconds">Where the kept span ends in the input.</param>
/// <param name="SampleRate">Rate of <see cref="WavPath"/> (the input's own).</param>
/// <param name="Channels">Channels of <see cref="WavPath"/> (the input's own).</param>
/// <param name="Features">One row per 25 fps video frame of the kept span.</param>
public sealed record PreparedAudio(
    string WavPath,
    string Mono16kWavPath,
    double SourceDurationSeconds,
    double DurationSeconds,
    double TrimStartSeconds,
    double TrimEndSeconds,
    int SampleRate,
    int Channels,
    AudioFeatures Features)
{
    /// <summary>Number of 25 fps video frames the clip needs (= <see cref="AudioFeatures.FrameCount"/>).</summary>
    public int VideoFrameCount => Features.FrameCount;

    /// <summary>
    /// The kept span as 16 kHz mono, in memory when this record came from <see cref="AudioStage.Prepare"/> in this
    /// process; empty after a JSON round trip (read <see cref="Mono16kWavPath"/> then).
    /// </summary>
    [JsonIgnore]
    public ReadOnlyMemory<float> Mono16k { get; init; }
}
