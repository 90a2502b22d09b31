using Microsoft.Extensions.Options;
using Sonic.Media.Errors;
using Sonic.Media.Video;
using Sonic.Pipeline.Provenance.Watermark;

namespace Sonic.Pipeline.Provenance;

/// <summary>
/// Everything <c>sonic verify</c> and <c>POST /api/verify</c> report: the marks in the file's boxes
/// (<see cref="ProvenanceReader"/>) and the invisible watermark, found in the decoded frames with this deployment's key.
/// </summary>
public sealed class ProvenanceVerifier(WatermarkCode code, IOptions<ProvenanceOptions> options)
{
    /// <summary>The watermark is looked for in the first ten minutes: plenty for a mark repeated every 2.56 s, and a bound on one request's decode.</summary>
    public const double MaxSeconds = 600;

    /// <exception cref="SonicJobException"><c>input_not_found</c>, or <c>video_unreadable</c> when ffmpeg cannot decode it.</exception>
    public async Task<ProvenanceReport> VerifyAsync(string videoPath, CancellationToken cancellationToken)
    {
        var report = ProvenanceReader.Read(videoPath);
        var reading = await Task.Run(() => ReadWatermark(videoPath, cancellationToken), cancellationToken).ConfigureAwait(false);
        return report with { Watermark = WatermarkReport.From(reading, options.Value.ContentProducer, report.Aigc?.ProduceId) };
    }

    private WatermarkReading ReadWatermark(string videoPath, CancellationToken cancellationToken)
    {
        var detector = new WatermarkDetector(code);
        try
        {
            foreach (var frame in GrayThumbnailReader.Read(videoPath, WatermarkCode.Grid, MaxSeconds, cancellationToken))
            {
                detector.Add(frame);
            }
        }
        catch (MediaToolException e)
        {
            throw new SonicJobException(ErrorCodes.VideoUnreadable, $"The file '{Path.GetFileName(videoPath)}' is not a video ffmpeg can decode.", e);
        }

        return detector.Finish();
    }
}
