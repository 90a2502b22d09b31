using System.Text.Json;
using Sonic.Media.Errors;

namespace Sonic.Inference.SonicEngine.Parity;

/// <summary>One stage of a dump: its name, the values upstream computed, and the tolerance for this engine's.</summary>
public sealed record SonicParityStage(string Name, SonicTensor Values, double Tolerance);

/// <summary>
/// A parity dump written by models/export/parity.py (or by a test): <c>parity.json</c> beside the image, the 16 kHz
/// speech, the sampler's noise and one .npy file per stage. See models/README.md, "Parity".
/// </summary>
public sealed record SonicParityDump(
    string Folder, string ImagePath, SonicTensor Speech16k, SonicTensor Noise, JsonElement Parameters, IReadOnlyList<SonicParityStage> Stages)
{
    public const string FileName = "parity.json";

    public static SonicParityDump Read(string folder)
    {
        var path = Path.Combine(Path.GetFullPath(folder), FileName);
        if (!File.Exists(path))
        {
            throw new SonicJobException(ErrorCodes.InputNotFound, $"'{folder}' is not a parity dump: it has no {FileName}.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var directory = Path.GetDirectoryName(path)!;
            string Named(string key) => Path.Combine(directory, root.GetProperty(key).GetString()!);
            var stages = root.GetProperty("stages").EnumerateArray().Select(s =>
            {
                var name = s.GetProperty("name").GetString()!;
                var tolerance = s.TryGetProperty("tolerance", out var t) ? t.GetDouble() : SonicParityStages.DefaultTolerance(name);
                return new SonicParityStage(name, NpyFile.Read(Path.Combine(directory, s.GetProperty("file").GetString()!)), tolerance);
            }).ToList();
            return new SonicParityDump(
                directory, Named("image"), NpyFile.Read(Named("audio_16k")), NpyFile.Read(Named("noise")),
                root.GetProperty("parameters").Clone(), stages);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SonicJobException(ErrorCodes.InvalidParameter, $"The parity dump '{path}' is not valid: {ex.Message}");
        }
    }

    /// <summary>Writes a dump (for tests and tools): the stages as .npy files and parity.json naming them.</summary>
    public static void Write(string folder, string imageFileName, SonicTensor speech16k, SonicTensor noise, object parameters, IEnumerable<SonicParityStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        Directory.CreateDirectory(folder);
        NpyFile.Write(Path.Combine(folder, "audio_16k.npy"), speech16k);
        NpyFile.Write(Path.Combine(folder, "noise.npy"), noise);
        var list = new List<object>();
        foreach (var stage in stages)
        {
            NpyFile.Write(Path.Combine(folder, stage.Name + ".npy"), stage.Values);
            list.Add(new { name = stage.Name, file = stage.Name + ".npy", tolerance = stage.Tolerance });
        }

        var json = new { version = 1, image = imageFileName, audio_16k = "audio_16k.npy", noise = "noise.npy", parameters, stages = list };
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    }
}
