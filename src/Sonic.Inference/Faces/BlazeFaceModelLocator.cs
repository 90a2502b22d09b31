using Sonic.Inference.Onnx;

namespace Sonic.Inference.Faces;

/// <summary>
/// Finds the BlazeFace ONNX file: the configured path, else <c>SONIC_FACE_MODEL</c>, else the copy that
/// <c>./scripts/setup.sh</c> unpacks under <c>.tools/</c>, searched upward from the app and the current folder.
/// </summary>
public static class BlazeFaceModelLocator
{
    public const string ModelName = "blazeface";

    public const string EnvironmentVariable = "SONIC_FACE_MODEL";

    /// <summary>Where <c>scripts/setup.sh</c> puts the model, relative to the repository root.</summary>
    public static readonly string InstalledRelativePath =
        Path.Combine(".tools", "blazeface", "package", "ONNX", "face_detection_back_256x256_barracuda.onnx");

    public static string Locate(string? configuredPath)
        => Locate(
            configuredPath,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            InstalledTools.DefaultStarts);

    /// <summary>The search with its inputs explicit: the configured path, the environment value, the folders to walk up from.</summary>
    public static string Locate(string? configuredPath, string? environmentValue, IEnumerable<string> searchStarts)
    {
        ArgumentNullException.ThrowIfNull(searchStarts);
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return File.Exists(configuredPath)
                ? Path.GetFullPath(configuredPath)
                : throw new InferenceException(ModelName, $"the configured face model '{configuredPath}' does not exist");
        }

        var fromEnvironment = environmentValue;
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new InferenceException(ModelName, $"{EnvironmentVariable} points to '{fromEnvironment}', which does not exist");
        }

        return InstalledTools.FindUpward(InstalledRelativePath, searchStarts) ?? throw new InferenceException(
            ModelName,
            $"face model not found: run ./scripts/setup.sh (it installs {InstalledRelativePath}), or set {EnvironmentVariable} or Sonic:FaceDetector:ModelPath");
    }
}
