using System.Globalization;
using System.Text.Json.Serialization;
using Sonic.Pipeline.Provenance.Watermark;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// The invisible watermark as <c>sonic verify</c> reports it: found or not, the 64-bit payload in hex (null when the
/// mark is there but too weak to read every byte for sure), the confidence (1 − the share of unmarked videos that
/// score as high), the score, the weakest payload byte's score, whether the payload's issuer is this
/// deployment and — when the file still has its AIGC label — whether the payload names the same job.
/// </summary>
public sealed record WatermarkReport(
    [property: JsonPropertyName("found")] bool Found,
    [property: JsonPropertyName("payload")] string? Payload,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("payload_score")] double? PayloadScore,
    [property: JsonPropertyName("issuer_is_this_service")] bool? IssuerIsThisService,
    [property: JsonPropertyName("matches_produce_id")] bool? MatchesProduceId)
{
    public static WatermarkReport From(WatermarkReading reading, string issuer, string? produceId)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading is not { Found: true, Payload: { } payload })
        {
            return new WatermarkReport(reading.Found, null, reading.Confidence, reading.Score, reading.WeakestSymbolScore, null, null);
        }

        return new WatermarkReport(
            true,
            payload.ToString("x16", CultureInfo.InvariantCulture),
            reading.Confidence,
            reading.Score,
            reading.WeakestSymbolScore,
            WatermarkPayload.IssuerOf(payload) == WatermarkPayload.Issuer(issuer),
            produceId is null ? null : WatermarkPayload.ContentHashOf(payload) == WatermarkPayload.ContentHash(produceId));
    }
}
