namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>
/// The animator names a job may ask for (<see cref="RenderParameters.Model"/>, <see cref="InferenceJobSubmission.Model"/>):
/// the real Sonic engine over an operator's ONNX folder, or the built-in fallback animator that needs no files.
/// </summary>
public static class InferenceModels
{
    public const string Sonic = "sonic";

    public const string Builtin = "builtin";

    public static IReadOnlyList<string> All { get; } = [Sonic, Builtin];

    public static bool IsKnown(string? name) => name is Sonic or Builtin;
}
