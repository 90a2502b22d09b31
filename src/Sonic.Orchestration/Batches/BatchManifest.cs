using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Batches;

/// <summary>
/// A batch's list of items, from a CSV (read with CsvHelper: a header row, an <c>audio</c> column and/or a
/// <c>script</c> one, any parameter name as a column, an empty cell leaves that parameter out) or JSON (<c>{"items": [{"audio": …, "file_name": …, …}],
/// "parameters": {…}, "callback_url": …, "correlation_id": …, "image": …}</c>, or just the items array). The shared
/// parameters apply to every item; an item's own values win.
/// </summary>
public sealed record BatchManifest(
    IReadOnlyList<BatchManifest.Item> Items,
    JsonObject? Parameters = null,
    string? Image = null,
    string? CallbackUrl = null,
    string? CorrelationId = null)
{
    public const string AudioColumn = "audio";
    public const string CsvExtension = ".batch.csv";
    public const string JsonExtension = ".batch.json";

    /// <summary>
    /// One row: its audio reference (a file name, blob name or URL; null to take the audio parts in order, or for an
    /// item whose parameters hold a script) and its own parameters.
    /// </summary>
    public sealed record Item(string? Audio, JsonObject Parameters);

    /// <summary>Reads a manifest; <paramref name="name"/> decides the format (<c>.json</c>, else CSV) and is quoted in errors.</summary>
    public static BatchManifest Read(string name, string text, int maxItems)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        var manifest = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(name, text) : ReadCsv(name, text);
        if (manifest.Items.Count == 0)
        {
            throw Invalid($"The manifest {name} lists no items.");
        }

        if (manifest.Items.Count > maxItems)
        {
            throw Invalid(FormattableString.Invariant($"The manifest {name} lists {manifest.Items.Count} items; a batch has at most {maxItems}."));
        }

        return manifest;
    }

    /// <summary>Whether a blob or file name is a batch manifest (<c>name.batch.csv</c> or <c>name.batch.json</c>).</summary>
    public static bool IsManifestName(string name) =>
        name.EndsWith(CsvExtension, StringComparison.OrdinalIgnoreCase) || name.EndsWith(JsonExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The manifest's stem: <c>a/week1.batch.csv</c> → <c>a/week1</c> (the results name and the portrait's stem).</summary>
    public static string StemOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var extension = name.EndsWith(CsvExtension, StringComparison.OrdinalIgnoreCase) ? CsvExtension : JsonExtension;
        return name[..^extension.Length];
    }

    /// <summary>Item <paramref name="index"/>'s parameters: the shared ones, then its own, validated; errors name the item.</summary>
    public RenderParameters ParametersOf(int index)
    {
        var merged = Parameters?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in Items[index].Parameters)
        {
            merged[key] = value?.DeepClone();
        }

        try
        {
            return ParameterReader.FromJson(merged);
        }
        catch (SonicJobException e)
        {
            throw new SonicJobException(e.Code, FormattableString.Invariant($"Item {index + 1}: {e.Message}"));
        }
    }

    private static BatchManifest ReadCsv(string name, string text)
    {
        // Separator detected (comma, semicolon or tab, as spreadsheets export), header row, blank lines skipped.
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { TrimWhitespace = true, MaxRecordSize = 64 * 1024 });
        try
        {
            var header = csv.Headers;
            if (header is not { Count: > 0 } || header.All(string.IsNullOrWhiteSpace))
            {
                throw Invalid($"The manifest {name} has no header row; the first line names the columns, such as audio,file_name.");
            }

            foreach (var column in header.Where(c => c != AudioColumn && !ParameterReader.IsParameterName(c)))
            {
                throw new SonicJobException(ErrorCodes.InvalidParameter,
                    $"The manifest {name} has a column '{Shorten(column)}' that is not audio or a parameter name.");
            }

            var items = new List<Item>();
            while (csv.Read())
            {
                var fields = header
                    .Select((column, i) => (Column: column, Value: i < csv.FieldCount ? csv.GetString(i) : string.Empty))
                    .Where(f => f.Value.Length > 0)
                    .ToList();
                var audio = fields.FirstOrDefault(f => f.Column == AudioColumn).Value;
                var parameters = ParameterReader.AddFormFields(
                    [], fields.Where(f => f.Column != AudioColumn).Select(f => KeyValuePair.Create(f.Column, f.Value)));
                items.Add(new Item(audio, parameters));
            }

            return new BatchManifest(items);
        }
        catch (CsvFormatException e)
        {
            throw Invalid(FormattableString.Invariant($"The manifest {name} is not valid CSV (record {e.RecordNumber})."));
        }
    }

    private static BatchManifest ReadJson(string name, string text)
    {
        try
        {
            return ReadJsonNodes(name, JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            throw Invalid($"The manifest {name} is not valid JSON.");
        }
        catch (ArgumentException)
        {
            // JsonNode keeps duplicate names until an object is first read, then throws this rather than a JSON error.
            throw Invalid($"The manifest {name} names one field twice in an object.");
        }
    }

    private static BatchManifest ReadJsonNodes(string name, JsonNode? root)
    {
        var (itemsNode, document) = root switch
        {
            JsonArray array => (array, null),
            JsonObject obj => (obj["items"] as JsonArray, obj),
            _ => (null, null),
        };
        if (itemsNode is null)
        {
            throw Invalid($"The manifest {name} must be a JSON object with an items array (or the array itself).");
        }

        if (document is not null)
        {
            foreach (var (key, _) in document)
            {
                if (key is not ("items" or "parameters" or "image" or "callback_url" or "correlation_id"))
                {
                    throw Invalid($"The manifest {name} has a field '{Shorten(key)}'; use items, parameters, image, callback_url, correlation_id.");
                }
            }
        }

        var items = new List<Item>();
        foreach (var node in itemsNode)
        {
            if (node is not JsonObject item)
            {
                throw Invalid($"Every item of the manifest {name} must be an object such as {{\"audio\": \"lesson-1.wav\", \"file_name\": \"Lesson 1\"}}.");
            }

            var parameters = item.DeepClone().AsObject();
            var audio = parameters[AudioColumn] is JsonValue value && value.TryGetValue<string>(out var text2) ? text2 : null;
            parameters.Remove(AudioColumn);
            items.Add(new Item(audio, parameters));
        }

        return new BatchManifest(
            items,
            document?["parameters"] switch
            {
                null => null,
                JsonObject shared => shared.DeepClone().AsObject(),
                _ => throw new SonicJobException(ErrorCodes.InvalidParameter, "The parameters must be a JSON object such as {\"min_resolution\": 512}."),
            },
            Text(document, "image"),
            Text(document, "callback_url"),
            Text(document, "correlation_id"));
    }

    private static string? Text(JsonObject? document, string field) =>
        document?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static SonicJobException Invalid(string sentence) => new(ErrorCodes.InvalidManifest, sentence);

    private static string Shorten(string text) => new(text.Where(c => !char.IsControl(c)).Take(60).ToArray());
}
