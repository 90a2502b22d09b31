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
/// Reads <c>POST /api/videos</c> in either form: multipart (parts <c>image</c>, <c>audio</c>, optional
/// <c>parameters</c> JSON text and/or one field per parameter) or JSON (<see cref="CreateVideoJsonRequest"/>).
/// Multipart parts are streamed to the request's scratch folder; parameters are validated before anything is stored.
/// </summary>
public sealed class VideoSubmissionReader(IOptionsMonitor<VideoApiOptions> options, IOptionsMonitor<WebhookOptions> webhooks)
{
    private const long MaxJsonBodyBytes = 1024 * 1024;
    private const int MaxFieldBytes = 64 * 1024;
    private const string ParametersField = "parameters";
    private const string CorrelationHeader = WebhookSender.CorrelationHeader;

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
        if (parameters.CorrelationId is null && request.Headers[CorrelationHeader].ToString() is { Length: > 0 } header)
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
            SetBodyLimit(request, options.CurrentValue.MaxUploadBytes);
            return await ReadMultipartAsync(request, contentType, scratchFolder, cancellationToken).ConfigureAwait(false);
        }

        if (request.HasJsonContentType())
        {
            SetBodyLimit(request, MaxJsonBodyBytes);
            return await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }

        throw new ApiProblemException(
            StatusCodes.Status415UnsupportedMediaType,
            ApiErrorCodes.UnsupportedMediaType,
            "Send multipart/form-data with parts image and audio, or application/json with image and audio references.");
    }

    private static void SetBodyLimit(HttpRequest request, long bytes)
    {
        // Kestrel's default is 30 MB; a ten-minute WAV is bigger. Read-only once the body has been touched.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = bytes;
        }
    }

    private async Task<VideoSubmission> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, string scratchFolder, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ApiProblemException("The multipart/form-data request has no boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = options.CurrentValue.MaxUploadBytes };
        InputSource? image = null;
        InputSource? audio = null;
        string? parametersText = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiProblemException("Every multipart part needs a Content-Disposition: form-data header with a name.");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            switch (name)
            {
                case InputRole.Image:
                    image = image is null
                        ? await SavePartAsync(section, disposition, name, scratchFolder, cancellationToken).ConfigureAwait(false)
                        : throw Duplicate(name);
                    break;
                case InputRole.Audio:
                    audio = audio is null
                        ? await SavePartAsync(section, disposition, name, scratchFolder, cancellationToken).ConfigureAwait(false)
                        : throw Duplicate(name);
                    break;
                case ParametersField:
                    parametersText = parametersText is null
                        ? await ReadTextAsync(section, name, cancellationToken).ConfigureAwait(false)
                        : throw Duplicate(name);
                    break;
                default:
                    var value = await ReadTextAsync(section, name, cancellationToken).ConfigureAwait(false);
                    if (!fields.TryAdd(name, value))
                    {
                        throw Duplicate(name);
                    }

                    break;
            }
        }

        // Parameters first: a bad value is reported before a missing part, and before anything is stored.
        var parameters = ParameterReader.FromJson(
            ParameterReader.AddFormFields(parametersText is null ? [] : ParameterReader.ParseObject(parametersText), fields));
        return new VideoSubmission(
            parameters,
            image ?? throw MissingPart(InputRole.Image, "the portrait (PNG, JPEG or WebP)"),
            audio ?? throw MissingPart(InputRole.Audio, "the speech recording (WAV, MP3, M4A, OGG or FLAC)"));
    }

    private static async Task<InputSource> SavePartAsync(MultipartSection section, ContentDispositionHeaderValue disposition, string role, string scratchFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(scratchFolder, role + ".part");
        var file = File.Create(path);
        await using (file.ConfigureAwait(false))
        {
            await section.Body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            if (file.Length == 0)
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput, $"The {role} part is empty.");
            }
        }

        var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
            ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return new InputSource(InputKind.UploadedFile, path, string.IsNullOrWhiteSpace(fileName) ? null : fileName);
    }

    private static async Task<string> ReadTextAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxFieldBytes)
                {
                    throw new ApiProblemException($"The form field {ShortName(name)} is longer than {MaxFieldBytes / 1024} KB.");
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
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
                : $"The body's field {ShortName(field)} is unknown or has the wrong type; send image, audio, parameters.");
        }

        if (body is null)
        {
            throw new ApiProblemException("The body must be a JSON object with image and audio.");
        }

        var node = body.Parameters is { ValueKind: not JsonValueKind.Null } element ? JsonSerializer.SerializeToNode(element) : null;
        if (body.CallbackUrl is { } callback)
        {
            // The body's callback_url sits beside image and audio, as in other avatar APIs; it travels as a parameter.
            node ??= new JsonObject();
            if (node is JsonObject fields)
            {
                fields["callback_url"] = callback;
            }
        }

        var parameters = ParameterReader.FromJson(node);
        return new VideoSubmission(parameters, Reference(body.Image, InputRole.Image), Reference(body.Audio, InputRole.Audio));
    }

    /// <summary>A JSON input: an http(s) URL to fetch, or the name of a blob in <c>uploads</c>.</summary>
    private InputSource Reference(string? value, string role)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                $"The body has no {role}; give a blob name in the uploads container or an https URL.");
        }

        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var url))
            {
                throw new ApiProblemException($"The {role} URL is not a valid URL.");
            }

            if (url.Scheme != Uri.UriSchemeHttps && !options.CurrentValue.AllowHttpInputUrls)
            {
                throw new ApiProblemException($"The {role} URL must use https.");
            }

            return new InputSource(InputKind.Url, url.AbsoluteUri, Uri.UnescapeDataString(url.Segments[^1]));
        }

        // Any other URL (ftp://…, file:…, data:…) is neither one we fetch nor a blob name.
        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException($"The {role} URL must use https; other kinds of URL are not fetched.");
        }

        if (value.Contains("..", StringComparison.Ordinal) || value.StartsWith('/') || value.Contains('\\', StringComparison.Ordinal)
            || value.Any(char.IsControl) || value.Length > 1024)
        {
            throw new ApiProblemException($"The {role} must be a blob name in the uploads container (no '..', no leading '/') or an https URL.");
        }

        return new InputSource(InputKind.UploadsBlob, value, value);
    }

    private static ApiProblemException Duplicate(string name) =>
        new($"The request has more than one {ShortName(name)} part.");

    private static ApiProblemException MissingPart(string role, string what) =>
        new(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput, $"The request has no {role} part; send {what} as the multipart part '{role}'.");

    private static string ShortName(string name) => new(name.Where(c => !char.IsControl(c)).Take(60).ToArray());
}
