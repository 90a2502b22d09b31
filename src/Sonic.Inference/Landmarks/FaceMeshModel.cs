using System.Text.RegularExpressions;
using Onnx;
using Sonic.Inference.Landmarks.Tflite;
using Sonic.Inference.Onnx;

namespace Sonic.Inference.Landmarks;

/// <summary>
/// MediaPipe Face Mesh's landmark model (Apache-2.0), from the npm package <c>@mediapipe/face_mesh</c> that
/// <c>scripts/setup.sh</c> unpacks into <c>.tools/face_mesh/</c>: <c>face_landmark.tflite</c> (468 points) lies inside
/// <c>face_mesh_solution_packed_assets.data</c> at the offsets the package's loader script lists, and is converted to
/// ONNX in memory at first use (ONNX Runtime cannot read TFLite). Never committed.
/// </summary>
public static partial class FaceMeshModel
{
    public const string ModelName = "face-mesh";
    public const string PackageVersion = "0.4.1657299874";
    public const int InputSize = 192;
    public const int Points = 468;

    public static readonly string InstalledRelativePath = Path.Combine(".tools", "face_mesh", "package", "face_mesh_solution_packed_assets.data");

    private const string LandmarkFile = "face_landmark.tflite";

    /// <summary>The landmark model as ONNX: input <c>image</c> [1,3,192,192] RGB in [0,1]; outputs <c>landmarks</c> [1,1404], <c>face_flag</c> [1,1] (a logit).</summary>
    public static ModelProto LoadOnnx(string? packedAssetsPath = null)
        => TfliteToOnnx.Convert(TfliteModel.Read(LoadTflite(packedAssetsPath)), ["landmarks", "face_flag"], "SonicFunctions (MediaPipe face_landmark.tflite converted)");

    /// <summary>The TFLite bytes, cut from the packed assets at the loader's offsets.</summary>
    public static byte[] LoadTflite(string? packedAssetsPath = null)
    {
        var assets = Locate(packedAssetsPath);
        var loader = Path.Combine(Path.GetDirectoryName(assets)!, "face_mesh_solution_packed_assets_loader.js");
        var entry = AssetEntry().Matches(File.ReadAllText(loader)).FirstOrDefault(m => m.Groups["name"].Value.EndsWith("/" + LandmarkFile, StringComparison.Ordinal))
            ?? throw new InferenceException(ModelName, $"{loader} lists no {LandmarkFile}");
        var start = long.Parse(entry.Groups["start"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var end = long.Parse(entry.Groups["end"].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var stream = File.OpenRead(assets);
        var bytes = new byte[end - start];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// MediaPipe's own triangulation of the 468 points (FACEMESH_TESSELATION in the package's face_mesh.js, each
    /// triangle as its three edges: 852 triangles), which follows the anatomy — the eyes and the mouth stay openings.
    /// </summary>
    public static IReadOnlyList<(int A, int B, int C)> LoadTriangles(string? packedAssetsPath = null)
    {
        var script = File.ReadAllText(Path.Combine(Path.GetDirectoryName(Locate(packedAssetsPath))!, "face_mesh.js"));
        var start = script.IndexOf("FACEMESH_TESSELATION\",[", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InferenceException(ModelName, "face_mesh.js has no FACEMESH_TESSELATION");
        }

        var end = script.IndexOf("]]", start, StringComparison.Ordinal);
        var numbers = NumberPattern().Matches(script[start..end]).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var triangles = new List<(int, int, int)>();
        for (var i = 0; i + 5 < numbers.Length; i += 6)
        {
            triangles.Add((numbers[i], numbers[i + 2], numbers[i + 4]));
        }

        return triangles;
    }

    /// <summary>The packed assets file: the given path, else the package setup.sh unpacked under .tools/.</summary>
    private static string Locate(string? packedAssetsPath)
        => packedAssetsPath ?? InstalledTools.FindUpward(InstalledRelativePath, InstalledTools.DefaultStarts)
            ?? throw new InferenceException(ModelName, $"the face mesh model is not installed: run ./scripts/setup.sh (it unpacks @mediapipe/face_mesh {PackageVersion} into {Path.GetDirectoryName(InstalledRelativePath)})");

    [GeneratedRegex("[0-9]+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("\"filename\":\\s*\"(?<name>[^\"]+)\",\\s*\"start\":\\s*(?<start>\\d+),\\s*\"end\":\\s*(?<end>\\d+)")]
    private static partial Regex AssetEntry();
}
