using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sonic.Orchestration.Status;
using Sonic.Api.Contracts;
using Sonic.Api.Errors;
using Sonic.Media.Errors;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Submission;

/// <summary>
/// Reads <c>POST /api/videos</c> in either form: multipart (parts <c>image</c>, <c>audio</c> — or a <c>script</c>
/// parameter instead —, optional <c>parameters</c> JSON text and/or one field per parameter) or JSON
/// (<see cref="CreateVideoJsonRequest"/>).
/// Multipart parts are streamed to the request's scratch folder; parameters are validated before anything is stored.
/// </summary>
public sealed class VideoSubmissionReader(IOptionsMonitor<VideoApiOptions> options, IOptionsMonitor<WebhookOptions> webhooks)
{
    private const long MaxJsonBodyBytes = 1024 * 1024;
    private const string ParametersField = "parameters";

    private static readonly JsonSerializerOptions StrictJson = new(VideoApiJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public async Task<VideoSubmission> ReadAsync(HttpRequest request, string scratchFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var submission = await ReadBodyAsync(request, scratchFolder, cancellationToken).ConfigureAwait(false);
        return submission with { Parameters = WithRequestContext(submission.Parameters, request) };
    }

    /// <summary>
    /// The <c>x-correlation-id</c> header where the parameters name no <c>correlation_id</c>, then the callback check
    /// (this server's signing secret and URL rules), both before anything is stored.
    /// </summary>
    public RenderParameters WithRequestContext(RenderParameters parameters, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(request);
        if (parameters.CorrelationId is null && RequestParts.CorrelationId(request) is { } header)
        {
            parameters = (parameters with { CorrelationId = header }).Validate();
        }

        WebhookUrlRules.EnsureAllowed(parameters.CallbackUrl, webhooks.CurrentValue);
        return parameters;
    }

    private async Task<VideoSubmission> ReadBodyAsync(HttpRequest request, string scratchFolder, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType is { } text && MediaTypeHeaderValue.TryParse(text, out var parsed) ? parsed : null;
        if (contentType?.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            RequestParts.SetBodyLimit(request, options.CurrentValue.MaxUploadBytes);
            return await ReadMultipartAsync(request, contentType, scratchFolder, cancellationToken).ConfigureAwait(false);
        }

        if (request.HasJsonContentType())
        {
            RequestParts.SetBodyLimit(request, MaxJsonBodyBytes);
            return await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }

        throw new ApiProblemException(
            StatusCodes.Status415UnsupportedMediaType,
            ApiErrorCodes.UnsupportedMediaType,
            "Send multipart/form-data with parts image and audio, or application/json with image and audio references.");
    }

    private async Task<VideoSubmission> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, string scratchFolder, CancellationToken cancellationToken)
    {
        var reader = RequestParts.OpenMultipart(request, contentType, options.CurrentValue.MaxUploadBytes);
        InputSource? image = null;
        InputSource? audio = null;
        string? parametersText = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            var (name, disposition) = RequestParts.FormData(section);
            switch (name)
            {
                case InputRole.Image:
                    image = await RequestParts.SaveOnceAsync(image, section, disposition, name, scratchFolder, cancellationToken).ConfigureAwait(false);
                    break;
                case InputRole.Audio:
                    audio = await RequestParts.SaveOnceAsync(audio, section, disposition, name, scratchFolder, cancellationToken).ConfigureAwait(false);
                    break;
                case ParametersField:
                    parametersText = await RequestParts.ReadTextOnceAsync(parametersText, section, name, RequestParts.MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    var value = await RequestParts.ReadTextAsync(section, name, RequestParts.MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    if (!fields.TryAdd(name, value))
                    {
                        throw RequestParts.Duplicate(name);
                    }

                    break;
            }
        }

        // Parameters first: a bad value is reported before a missing part, and before anything is stored.
        var parameters = ParameterReader.FromJson(
            ParameterReader.AddFormFields(parametersText is null ? [] : ParameterReader.ParseObject(parametersText), fields));
        if (audio is null && parameters.Script is null)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                "The request has no audio part; send the speech recording (WAV, MP3, M4A, OGG or FLAC) as the multipart part 'audio', or a script field to speak.");
        }

        RecordingOrScript.Check(audio is not null, parameters);
        return new VideoSubmission(parameters, image ?? throw MissingPart(InputRole.Image, "the portrait (PNG, JPEG or WebP)"), audio);
    }

    private async Task<VideoSubmission> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        CreateVideoJsonRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateVideoJsonRequest>(request.Body, StrictJson, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            throw new ApiProblemException(field is null
                ? "The body is not valid JSON."
                : $"The body's field {RequestParts.ShortName(field)} is unknown or has the wrong type; send image, audio, parameters.");
        }

        if (body is null)
        {
            throw new ApiProblemException("The body must be a JSON object with image and audio (or parameters.script).");
        }

        var node = body.Parameters is { ValueKind: not JsonValueKind.Null } element ? JsonSerializer.SerializeToNode(element) : null;
        if (body.CallbackUrl is { } callback)
        {
            // The body's callback_url sits beside image and audio, as in other avatar APIs; it travels as a parameter.
            node ??= new JsonObject();
            if (node is JsonObject fields)
            {
                ParameterReader.Distinct(fields)["callback_url"] = callback;
            }
        }

        var parameters = ParameterReader.FromJson(node);
        var image = RequestParts.Reference(body.Image, InputRole.Image, options.CurrentValue.AllowHttpInputUrls);
        // A script speaks instead of a recording: then the body names no audio (both is input_conflict).
        if (parameters.Script is not null)
        {
            RecordingOrScript.Check(!string.IsNullOrWhiteSpace(body.Audio), parameters);
            return new VideoSubmission(parameters, image, null);
        }

        return new VideoSubmission(parameters, image, RequestParts.Reference(body.Audio, InputRole.Audio, options.CurrentValue.AllowHttpInputUrls));
    }

    private static ApiProblemException MissingPart(string role, string what) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput, $"The request has no {role} part; send {what} as the multipart part '{role}'.");

}
