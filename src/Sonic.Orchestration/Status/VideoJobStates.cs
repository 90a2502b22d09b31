namespace Sonic.Orchestration.Status;

/// <summary>The job states clients see (the orchestration's runtime states, folded into five words).</summary>
public static class VideoJobStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Only in the reply to DELETE: termination was requested and takes effect shortly.</summary>
    public const string Cancelling = "cancelling";
}
