using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Rendering;

/// <summary>
/// Progress and ETA for the custom status. Each stage costs <c>fixed + perFrame × frames</c> seconds: rough numbers
/// measured with the built-in animator on the (shared, 2-core) dev box for the default 1024 px crop and 1080p output,
/// where a 9.2 s clip (231 frames) took preprocess 0.3 s, inference 13.6 s, encode 4.2 s, the rest well under 0.1 s.
/// The fraction done at the start of a stage is the cost of the stages before it over the total. The ETA is the
/// remaining cost, scaled by how fast this job has gone so far (elapsed time over the predicted cost of the finished
/// stages) once a stage has finished, so a GPU worker or a slow machine corrects the table after one stage. Until
/// Preprocess has measured the audio the frame count is assumed to be <see cref="AssumedFrames"/> (a 10 s clip).
/// </summary>
public static class StageCostModel
{
    public const int AssumedFrames = 250;

    private static readonly (string Stage, double Fixed, double PerFrame)[] Costs =
    [
        (JobStageNames.Speech, 0.5, 0.001),
        (JobStageNames.Validate, 0.05, 0),
        (JobStageNames.Preprocess, 0.2, 0.0015),
        (JobStageNames.Inference, 0.5, 0.057),
        (JobStageNames.PostProcess, 0.05, 0),
        (JobStageNames.Encode, 0.3, 0.017),
        (JobStageNames.Publish, 0.1, 0.0002),
    ];

    public static IReadOnlyList<string> Stages { get; } = Costs.Select(c => c.Stage).ToArray();

    /// <summary>
    /// Progress at the start of <paramref name="stage"/>, <paramref name="elapsed"/> after the job started; the speech
    /// stage counts only for a job that <paramref name="speaks"/> a script.
    /// </summary>
    public static JobProgress AtStart(string stage, int? frameCount, TimeSpan elapsed, bool speaks = false)
    {
        var stages = speaks ? Costs : Costs.Where(c => c.Stage != JobStageNames.Speech).ToArray();
        var index = Array.FindIndex(stages, c => c.Stage == stage);
        if (index < 0)
        {
            throw new ArgumentException($"Unknown stage '{stage}'.", nameof(stage));
        }

        var frames = frameCount ?? AssumedFrames;
        var costs = stages.Select(c => c.Fixed + (c.PerFrame * frames)).ToArray();
        var total = costs.Sum();
        var done = costs.Take(index).Sum();
        var speed = done > 0 && elapsed > TimeSpan.Zero ? Math.Clamp(elapsed.TotalSeconds / done, 0.1, 50) : 1.0;
        return new JobProgress(stage, Math.Round(done / total, 3), Math.Round((total - done) * speed, 1));
    }
}
