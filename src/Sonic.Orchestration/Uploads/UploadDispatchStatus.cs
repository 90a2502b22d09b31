namespace Sonic.Orchestration.Uploads;

/// <summary>What one notification about an upload led to.</summary>
public enum UploadDispatchStatus
{
    /// <summary>Not part of the naming convention (unknown extension, not in <c>uploads</c>).</summary>
    Ignored,

    /// <summary>The other half has not arrived yet.</summary>
    Incomplete,

    /// <summary>This call started the job.</summary>
    Started,

    /// <summary>The job for exactly these uploads (names and ETags) already exists: nothing new started.</summary>
    AlreadyStarted,

    /// <summary>The parameters file was unreadable: no job ran, <c>results/{stem}.json</c> holds the error.</summary>
    Rejected,
}
