namespace Sonic.Pipeline.Storage;

/// <summary>The storage layout of ARCHITECTURE.md: what people drop, job scratch, public videos, outcomes.</summary>
public static class ContainerNames
{
    /// <summary>Private. What people drop: <c>stem.png|jpg|webp</c>, <c>stem.wav|mp3|m4a…</c>, optional <c>stem.json</c>. Never deleted by us.</summary>
    public const string Uploads = "uploads";

    /// <summary>Private. <c>{jobId}/…</c> intermediate artifacts with deterministic names (lifecycle-deleted).</summary>
    public const string Work = "work";

    /// <summary>Public read (blob level). <c>{jobId}/{name}.mp4</c> and its preview page.</summary>
    public const string Videos = "videos";

    /// <summary>Private. <c>{stem}.json</c>: the outcome of a dropped job, success or failure.</summary>
    public const string Results = "results";
}
