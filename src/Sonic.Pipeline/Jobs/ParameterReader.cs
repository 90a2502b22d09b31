using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Sonic.Media.Errors;

namespace Sonic.Pipeline.Jobs;

/// <summary>
/// Reads <see cref="RenderParameters"/> from a JSON object or from individual form fields, with the snake_case names
/// of <see cref="ParameterJson"/>, and validates them. Every problem is an <c>invalid_parameter</c> sentence that
/// names the parameter.
/// </summary>
public static class ParameterReader
{
    /// <summary>
    /// snake_case name → property type, from the serializer's own view of <see cref="RenderParameters"/> (a fresh
    /// resolver, so the shared options are not touched before their first use).
    /// </summary>
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> KnownNames = new(() =>
        new DefaultJsonTypeInfoResolver().GetTypeInfo(typeof(RenderParameters), ParameterJson.Options).Properties
            .ToDictionary(p => p.Name, p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType, StringComparer.Ordinal));

    public static bool IsParameterName(string name) => KnownNames.Value.ContainsKey(name);

    /// <summary>Reads a JSON object (null = all defaults) and validates the values.</summary>
    public static RenderParameters FromJson(JsonNode? node)
    {
        if (node is null)
        {
            return new RenderParameters().Validate();
        }

        if (node is not JsonObject parameters)
        {
            throw Invalid("The parameters must be a JSON object such as {\"min_resolution\": 512}.");
        }

        foreach (var (name, _) in Distinct(parameters))
        {
            if (!IsParameterName(name))
            {
                throw Unknown(name);
            }
        }

        try
        {
            return (parameters.Deserialize<RenderParameters>(ParameterJson.Options) ?? new RenderParameters()).Validate();
        }
        catch (JsonException ex)
        {
            var name = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            throw Invalid(name is null
                ? "The parameters are not valid JSON."
                : $"Parameter {name} has a value of the wrong type.");
        }
    }

    /// <summary>
    /// <paramref name="parameters"/> once its names are known to be distinct: a JSON object parsed from text keeps
    /// duplicate names until first read, and then throws an <see cref="ArgumentException"/> rather than a JSON error.
    /// </summary>
    public static JsonObject Distinct(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            _ = parameters.Count;
            return parameters;
        }
        catch (ArgumentException)
        {
            throw Invalid("The parameters name one parameter twice.");
        }
    }

    /// <summary>Parses the JSON text of a <c>parameters</c> part or field.</summary>
    public static JsonObject ParseObject(string text)
    {
        try
        {
            return Distinct(JsonNode.Parse(text) as JsonObject
                ?? throw Invalid("The parameters must be a JSON object such as {\"min_resolution\": 512}."));
        }
        catch (JsonException)
        {
            throw Invalid("The parameters are not valid JSON.");
        }
    }

    /// <summary>Adds form fields (text values) to <paramref name="parameters"/>, typed as the parameter they name.</summary>
    public static JsonObject AddFormFields(JsonObject parameters, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (name, text) in fields)
        {
            if (!KnownNames.Value.TryGetValue(name, out var type))
            {
                throw Unknown(name);
            }

            if (type == typeof(bool))
            {
                parameters[name] = bool.TryParse(text.Trim(), out var flag)
                    ? flag
                    : throw Invalid($"Parameter {name} must be true or false.");
            }
            else if (type == typeof(string))
            {
                parameters[name] = text;
            }
            else
            {
                // Numbers stay text: ParameterJson reads numbers from strings, and reports a bad one as the wrong type.
                parameters[name] = text.Trim();
            }
        }

        return parameters;
    }

    /// <summary>Names the closest known parameter when there is one (a typo), else points at the list.</summary>
    private static SonicJobException Unknown(string name)
    {
        // A typo is a short name a few edits from a known one; anything longer is not worth comparing.
        var closest = name.Length <= 64 ? KnownNames.Value.Keys.MinBy(known => Distance(known, name)) : null;
        var hint = closest is not null && Distance(closest, name) <= Math.Min(3, Math.Max(1, name.Length / 3))
            ? $"perhaps '{closest}' was meant"
            : "the parameters are listed in the README's Parameters table (snake_case, such as min_resolution or file_name)";
        return Invalid(string.Create(CultureInfo.InvariantCulture, $"Parameter '{Shorten(name)}' is not known; {hint}."));
    }

    /// <summary>Edit distance (insertions, deletions, substitutions), for the typo hint.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private static SonicJobException Invalid(string sentence) => new(ErrorCodes.InvalidParameter, sentence);

    private static string Shorten(string name)
    {
        var printable = new string(name.Where(c => !char.IsControl(c)).Take(60).ToArray());
        return printable.Length < name.Length ? printable + "…" : printable;
    }
}
