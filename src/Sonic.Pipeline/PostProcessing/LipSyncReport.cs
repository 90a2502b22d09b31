using System.Text.Json.Serialization;

namespace Sonic.Pipeline.PostProcessing;

/// <summary>
/// The lip-sync calibration's result for the job result JSON. Offsets are seconds, positive when the mouth moves
/// after the sound; null when there was no speech (or no mouth motion) to measure. <see cref="AudioShiftSeconds"/>
/// is how far the audio was delayed (negative: advanced) to correct it.
/// </summary>
public sealed record LipSyncReport(
    [property: JsonPropertyName("offset_before")] double? OffsetBefore,
    [property: JsonPropertyName("offset_after")] double? OffsetAfter,
    [property: JsonPropertyName("corrected")] bool Corrected,
    [property: JsonPropertyName("audio_shift")] double AudioShiftSeconds,
    [property: JsonPropertyName("correlation")] double Correlation);
