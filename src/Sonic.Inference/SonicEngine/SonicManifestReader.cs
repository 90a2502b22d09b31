using System.Text.Json;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine;

/// <summary>Reads <c>manifest.json</c> (snake_case) from a model folder; a folder without one gets the defaults.</summary>
public static class SonicManifestReader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static SonicManifest Read(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, SonicManifest.FileName);
        if (!File.Exists(path))
        {
            return new SonicManifest();
        }

        SonicManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SonicManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new SonicJobException(ErrorCodes.ModelInvalid, $"The model manifest '{path}' is not valid: {ex.Message}");
        }

        if (manifest is null)
        {
            throw new SonicJobException(ErrorCodes.ModelInvalid, $"The model manifest '{path}' is empty.");
        }

        foreach (var (file, dtype) in manifest.Dtypes)
        {
            if (dtype is not ("fp16" or "fp32"))
            {
                throw new SonicJobException(ErrorCodes.ModelInvalid, $"The model manifest gives '{file}' the dtype '{dtype}'; use fp16 or fp32.");
            }
        }

        return manifest;
    }
}
