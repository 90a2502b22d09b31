using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sonic.Api.Errors;
using Sonic.Api.Submission;
using Sonic.Media.Errors;
using Sonic.Orchestration.Batches;
using Sonic.Orchestration.Webhooks;
using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Batches;

/// <summary>
/// Reads <c>POST /api/batches</c>. Multipart: one <c>image</c> part, one <c>audio</c> part per item in order (the
/// same field name repeated), and optionally a <c>manifest</c> file (CSV or JSON, <see cref="BatchManifest"/>) or an
/// <c>items</c> JSON array, shared <c>parameters</c> (JSON and/or one field per parameter), <c>callback_url</c> and
/// <c>correlation_id</c>. A manifest's <c>audio</c> names an uploaded part by its file name, a blob in
/// <c>uploads</c> or an https URL; without one, the items are the audio parts in order. JSON: the JSON manifest
/// itself with <c>image</c>. Every item's parameters are validated before anything is stored.
/// </summary>
public sealed class BatchSubmissionReader(
    IOptionsMonitor<VideoApiOptions> options, IOptionsMonitor<BatchOptions> batches, IOptionsMonitor<WebhookOptions> webhooks)
{
    private const long MaxJsonBodyBytes = 4 * 1024 * 1024;
    private const int MaxFieldBytes = 1024 * 1024;
    private const string ManifestField = "manifest";
    private const string ItemsField = "items";
    private const string ParametersField = "parameters";
    private const string CallbackField = "callback_url";
    private const string CorrelationField = "correlation_id";

    public async Task<BatchSubmission> ReadAsync(HttpRequest request, string scratchFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType is { } text && MediaTypeHeaderValue.TryParse(text, out var parsed) ? parsed : null;
        BatchSubmission submission;
        if (contentType?.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
        {
            RequestParts.SetBodyLimit(request, options.CurrentValue.MaxUploadBytes);
            submission = await ReadMultipartAsync(request, contentType, scratchFolder, cancellationToken).ConfigureAwait(false);
        }
        else if (request.HasJsonContentType())
        {
            RequestParts.SetBodyLimit(request, MaxJsonBodyBytes);
            submission = await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new ApiProblemException(
                StatusCodes.Status415UnsupportedMediaType,
                ApiErrorCodes.UnsupportedMediaType,
                "Send multipart/form-data with an image part and audio parts (or a manifest), or application/json with image and items.");
        }

        var manifest = submission.Manifest with { CorrelationId = submission.Manifest.CorrelationId ?? RequestParts.CorrelationId(request) };

        // Every item's parameters (errors name the item) and the callbacks, before anything is stored.
        BatchRequests.Check(manifest, submission.Audio.Select(a => a is not null).ToList(), webhooks.CurrentValue);
        return submission with { Manifest = manifest };
    }

    private async Task<BatchSubmission> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, string scratchFolder, CancellationToken cancellationToken)
    {
        var reader = RequestParts.OpenMultipart(request, contentType, options.CurrentValue.MaxUploadBytes);
        InputSource? image = null;
        var audio = new List<InputSource>();
        (string Name, string Text)? manifestFile = null;
        string? itemsText = null;
        string? parametersText = null;
        string? callback = null;
        string? correlation = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var maxItems = batches.CurrentValue.MaxItems;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            var (name, disposition) = RequestParts.FormData(section);
            switch (name)
            {
                case InputRole.Image:
                    image = await RequestParts.SaveOnceAsync(image, section, disposition, name, scratchFolder, cancellationToken).ConfigureAwait(false);
                    break;
                case InputRole.Audio:
                    if (audio.Count >= maxItems)
                    {
                        throw new SonicJobException(ErrorCodes.InvalidManifest, $"A batch has at most {maxItems} items.");
                    }

                    audio.Add(await RequestParts.SavePartAsync(section, disposition, name, $"audio-{audio.Count}", scratchFolder, cancellationToken).ConfigureAwait(false));
                    break;
                case ManifestField:
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "manifest.csv";
                    manifestFile = manifestFile is null
                        ? (fileName, await RequestParts.ReadTextAsync(section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false))
                        : throw RequestParts.Duplicate(name);
                    break;
                case ItemsField:
                    itemsText = await RequestParts.ReadTextOnceAsync(itemsText, section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    break;
                case ParametersField:
                    parametersText = await RequestParts.ReadTextOnceAsync(parametersText, section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    break;
                case CallbackField:
                    callback = await RequestParts.ReadTextOnceAsync(callback, section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    break;
                case CorrelationField:
                    correlation = await RequestParts.ReadTextOnceAsync(correlation, section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    if (!fields.TryAdd(name, await RequestParts.ReadTextAsync(section, name, MaxFieldBytes, cancellationToken).ConfigureAwait(false)))
                    {
                        throw RequestParts.Duplicate(name);
                    }

                    break;
            }
        }

        var shared = ParameterReader.AddFormFields(parametersText is null ? [] : ParameterReader.ParseObject(parametersText), fields);
        BatchManifest manifest;
        if (manifestFile is { } file)
        {
            manifest = BatchManifest.Read(file.Name, file.Text, maxItems);
        }
        else if (itemsText is not null)
        {
            manifest = BatchManifest.Read("items.json", itemsText, maxItems);
        }
        else
        {
            manifest = new BatchManifest(audio.Select(_ => new BatchManifest.Item(null, [])).ToList());
            if (manifest.Items.Count == 0)
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                    "The request has no audio part; send one audio part per item, or a manifest that names them.");
            }
        }

        manifest = manifest with
        {
            Parameters = Merge(shared, manifest.Parameters),
            CallbackUrl = callback ?? manifest.CallbackUrl,
            CorrelationId = correlation ?? manifest.CorrelationId,
        };
        var sources = AudioSources(manifest, audio);
        var portrait = image
            ?? (manifest.Image is { } reference ? RequestParts.Reference(reference, InputRole.Image, options.CurrentValue.AllowHttpInputUrls) : null)
            ?? throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                "The request has no image part; send the portrait (PNG, JPEG or WebP) as the multipart part 'image'.");
        return new BatchSubmission(portrait, manifest, sources);
    }

    private async Task<BatchSubmission> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new StreamReader(request.Body, Encoding.UTF8);
        var text = await body.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var manifest = BatchManifest.Read("request body.json", text, batches.CurrentValue.MaxItems);
        var image = RequestParts.Reference(manifest.Image, InputRole.Image, options.CurrentValue.AllowHttpInputUrls);
        return new BatchSubmission(image, manifest, AudioSources(manifest, []));
    }

    /// <summary>
    /// Each item's audio: a named uploaded part, a blob or URL reference, (unnamed) the next uploaded part, or none
    /// for an item that speaks a script.
    /// </summary>
    private List<InputSource?> AudioSources(BatchManifest manifest, List<InputSource> parts)
    {
        var byName = parts.Where(p => p.OriginalName is not null).GroupBy(p => p.OriginalName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var sources = new List<InputSource?>(manifest.Items.Count);
        var next = 0;
        foreach (var item in manifest.Items)
        {
            if (item.Audio is { } audio)
            {
                sources.Add(byName.TryGetValue(audio, out var part)
                    ? part
                    : RequestParts.Reference(audio, InputRole.Audio, options.CurrentValue.AllowHttpInputUrls));
            }
            else if (manifest.ParametersOf(sources.Count).Script is not null)
            {
                sources.Add(null);
            }
            else
            {
                sources.Add(next < parts.Count
                    ? parts[next++]
                    : throw new ApiProblemException(StatusCodes.Status400BadRequest, ApiErrorCodes.MissingInput,
                        $"Item {sources.Count + 1} has no audio: name a file, blob or URL in its audio field, send one audio part per item, or give it a script."));
            }
        }

        return sources;
    }

    private static JsonObject? Merge(JsonObject shared, JsonObject? manifest)
    {
        if (manifest is null)
        {
            return shared.Count == 0 ? null : shared;
        }

        var merged = manifest.DeepClone().AsObject();
        foreach (var (key, value) in shared)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }
}
