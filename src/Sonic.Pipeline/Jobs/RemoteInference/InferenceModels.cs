namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>The model names the inference service accepts (today only the built-in fallback animator).</summary>
public static class InferenceModels
{
    public const string Builtin = "builtin";
}
