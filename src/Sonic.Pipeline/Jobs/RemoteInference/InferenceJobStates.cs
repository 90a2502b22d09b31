namespace Sonic.Pipeline.Jobs.RemoteInference;

/// <summary>The states of one inference job in <see cref="InferenceJobStatus.State"/>.</summary>
public static class InferenceJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static bool IsFinished(string state) => state is Succeeded or Failed;
}
