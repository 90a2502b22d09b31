namespace Sonic.Media.Audio;

/// <summary>The sample encodings a WAV data chunk may hold that are converted here without ffmpeg.</summary>
internal enum PcmSampleFormat
{
    Unsigned8,
    Signed16,
    Signed24,
    Signed32,
    Float32,
    Float64,
}
