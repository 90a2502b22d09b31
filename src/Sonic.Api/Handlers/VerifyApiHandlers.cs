using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sonic.Api.Errors;
using Sonic.Api.Submission;
using Sonic.Pipeline.Provenance;

namespace Sonic.Api.Handlers;

/// <summary><c>POST /api/verify</c> (multipart part <c>video</c>, MP4 or any video ffmpeg decodes): the video's provenance marks, as <c>sonic verify --json</c> prints them.</summary>
public static class VerifyApiHandlers
{
    public const string VideoPart = "video";

    public static async Task<IResult> VerifyAsync(
        HttpRequest request, [FromServices] IOptionsMonitor<VideoApiOptions> options, [FromServices] ProvenanceVerifier verifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(verifier);
        using var scratch = RequestScratch.Create();
        var (video, _) = await RequestParts.ReadFileAndFieldsAsync(
            request, VideoPart, "the MP4 as the part video", options.CurrentValue.MaxUploadBytes, scratch.FolderPath, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                "The request has no video part; send the MP4 to check as the multipart part 'video'.");
        }

        return ApiInstances.Json(StatusCodes.Status200OK, await verifier.VerifyAsync(video.Location, cancellationToken).ConfigureAwait(false));
    }
}
