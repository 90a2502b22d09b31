namespace Sonic.Pipeline.Rendering;

/// <summary>Progress of a render: the stage running now and how far through the whole job we are (0..1).</summary>
public sealed record RenderProgress(string Stage, double Fraction, string? Detail = null);

/// <summary>Stage names shown to users and used in timings and, later, in orchestration custom status.</summary>
public static class RenderStages
{
    public const string Audio = "audio";
    public const string Face = "face";
    public const string Animate = "animate";
    public const string Composite = "composite";
    public const string Encode = "encode";

    /// <summary>Motion smoothing, mouth measurement and watermark in the frame loop, plus a lip-sync re-mux.</summary>
    public const string Post = "post";
}
