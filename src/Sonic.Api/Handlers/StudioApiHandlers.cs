using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Sonic.Api.Contracts;
using Sonic.Api.Errors;
using Sonic.Api.Submission;
using Sonic.Pipeline.Faces;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Models;

namespace Sonic.Api.Handlers;

/// <summary>
/// The two routes a form needs beside the video routes: <c>GET /api/parameters</c> (the parameters with their
/// defaults and ranges, from <see cref="ParameterCatalog"/>) and <c>POST /api/faces</c> (where the face is in a
/// portrait and what crop it gets, without rendering anything).
/// </summary>
public static class StudioApiHandlers
{
    /// <summary>A preview needs no more than a portrait: larger bodies are request_too_large.</summary>
    public const long MaxImageBytes = 32L * 1024 * 1024;

    public static IResult Parameters() => ApiInstances.Json(StatusCodes.Status200OK, new ParameterList(ParameterCatalog.All));

    /// <summary>Multipart: the part <c>image</c>, and optionally the fields <c>expand_ratio</c> and <c>min_resolution</c>.</summary>
    public static async Task<IResult> LocateFaceAsync(
        HttpRequest request,
        [FromServices] FaceStage faces,
        [FromServices] AnimatorCatalog animators,
        [FromServices] IOptionsMonitor<VideoApiOptions> options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(animators);
        ArgumentNullException.ThrowIfNull(options);
        using var scratch = RequestScratch.Create();
        var (image, fields) = await RequestParts.ReadFileAndFieldsAsync(
            request, InputRole.Image, "the portrait as the part image", Math.Min(MaxImageBytes, options.CurrentValue.MaxUploadBytes), scratch.FolderPath, cancellationToken)
            .ConfigureAwait(false);
        var parameters = ParameterReader.FromJson(ParameterReader.AddFormFields(new JsonObject(), fields));
        if (image is null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                "The request has no image part; send the portrait (PNG, JPEG or WebP) as the multipart part 'image'.");
        }

        var bytes = await File.ReadAllBytesAsync(image.Location, cancellationToken).ConfigureAwait(false);
        // Framed as a render would frame it on this host (a Sonic folder's own detector and native size).
        var (native, detector) = animators.FramingFor(parameters);
        var found = faces.Locate(bytes, image.OriginalName ?? "image", parameters, native, detector, cancellationToken);
        var box = found.Face;
        return ApiInstances.Json(StatusCodes.Status200OK, new FaceLocated(
            found.Width,
            found.Height,
            new FaceLocated.Box(Math.Round(box.X, 1), Math.Round(box.Y, 1), Math.Round(box.Width, 1), Math.Round(box.Height, 1)),
            new FaceLocated.Square(found.Crop.X, found.Crop.Y, found.Crop.Side, found.Crop.ResizedSide),
            found.FaceCount,
            found.Warnings));
    }
}
