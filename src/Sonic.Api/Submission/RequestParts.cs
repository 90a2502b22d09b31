using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Sonic.Api.Errors;
using Sonic.Orchestration.Uploads;
using Sonic.Orchestration.Webhooks;

namespace Sonic.Api.Submission;

/// <summary>
/// The pieces every submission reader shares: body limits, multipart sections (files streamed to the request's
/// scratch folder, text fields bounded), and input references (a blob name in <c>uploads</c> or an https URL).
/// </summary>
internal static class RequestParts
{
    /// <summary>The largest text field read from a multipart request.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    public static void SetBodyLimit(HttpRequest request, long bytes)
    {
        // Kestrel's default is 30 MB; a ten-minute WAV is bigger. Read-only once the body has been touched.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = bytes;
        }
    }

    /// <summary>The caller's <c>x-correlation-id</c> header, or null.</summary>
    public static string? CorrelationId(HttpRequest request) =>
        request.Headers[WebhookSender.CorrelationHeader].ToString() is { Length: > 0 } value ? value : null;

    public static MultipartReader OpenMultipart(HttpRequest request, MediaTypeHeaderValue contentType, long limit)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ApiProblemException("The multipart/form-data request has no boundary.");
        }

        return new MultipartReader(boundary, request.Body) { BodyLengthLimit = limit };
    }

    /// <summary>A section's form field name and disposition; anything but form-data is refused.</summary>
    public static (string Name, ContentDispositionHeaderValue Disposition) FormData(MultipartSection section)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException("Every multipart part needs a Content-Disposition: form-data header with a name.");
        }

        return (HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, disposition);
    }

    public static async Task<InputSource> SavePartAsync(MultipartSection section, ContentDispositionHeaderValue disposition, string role, string fileStem, string scratchFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(scratchFolder, fileStem + ".part");
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

    public static async Task<string> ReadTextAsync(MultipartSection section, string name, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new ApiProblemException($"The form field {ShortName(name)} is longer than {maxBytes / 1024} KB.");
                }

                buffer.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    /// <summary>A JSON input: an http(s) URL to fetch, or the name of a blob in <c>uploads</c>.</summary>
    public static InputSource Reference(string? value, string role, bool allowHttp)
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

            if (url.Scheme != Uri.UriSchemeHttps && !allowHttp)
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

        if (!UploadNames.IsSafeBlobName(value))
        {
            throw new ApiProblemException($"The {role} must be a blob name in the uploads container (no '..', no leading '/') or an https URL.");
        }

        return new InputSource(InputKind.UploadsBlob, value, value);
    }

    /// <summary>
    /// A multipart request of one file part (<paramref name="role"/>, saved to <paramref name="scratchFolder"/>) and
    /// text fields; anything but multipart is 415 naming <paramref name="what"/>, a repeated part or field 400.
    /// </summary>
    public static async Task<(InputSource? File, Dictionary<string, string> Fields)> ReadFileAndFieldsAsync(
        HttpRequest request, string role, string what, long limit, string scratchFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is not { } type || !MediaTypeHeaderValue.TryParse(type, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, $"Send multipart/form-data with {what}.");
        }

        SetBodyLimit(request, limit);
        var reader = OpenMultipart(request, contentType, limit);
        InputSource? file = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            var (name, disposition) = FormData(section);
            if (name == role)
            {
                file = await SaveOnceAsync(file, section, disposition, name, scratchFolder, cancellationToken).ConfigureAwait(false);
            }
            else if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                throw new ApiProblemException($"The request has a file part '{ShortName(name)}'; send {what}.");
            }
            else if (!fields.TryAdd(name, await ReadTextAsync(section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false)))
            {
                throw Duplicate(name);
            }
        }

        return (file, fields);
    }

    /// <summary>A file part that may come once: saved, or refused as a duplicate when <paramref name="existing"/> is set.</summary>
    public static async Task<InputSource> SaveOnceAsync(
        InputSource? existing, MultipartSection section, ContentDispositionHeaderValue disposition, string role, string scratchFolder, CancellationToken cancellationToken) =>
        existing is null
            ? await SavePartAsync(section, disposition, role, role, scratchFolder, cancellationToken).ConfigureAwait(false)
            : throw Duplicate(role);

    /// <summary>A text field that may come once: read, or refused as a duplicate when <paramref name="existing"/> is set.</summary>
    public static async Task<string> ReadTextOnceAsync(string? existing, MultipartSection section, string name, int maxBytes, CancellationToken cancellationToken) =>
        existing is null
            ? await ReadTextAsync(section, name, maxBytes, cancellationToken).ConfigureAwait(false)
            : throw Duplicate(name);

    public static ApiProblemException Duplicate(string name) =>
        new($"The request has more than one {ShortName(name)} part.");

    public static string ShortName(string name) => new(name.Where(c => !char.IsControl(c)).Take(60).ToArray());
}
