namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>Settings of the per-portrait face cache, bound from <c>Sonic:FaceCache</c>.</summary>
public sealed class FaceCacheOptions
{
    public const string SectionName = "Sonic:FaceCache";

    /// <summary>Reuse a portrait's prepared face across jobs (on by default; off for measurements).</summary>
    public bool Enabled { get; set; } = true;
}
