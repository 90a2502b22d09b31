using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Plans how the animated frames become the video and writes the plan to <c>post.json</c> (overwritten on every
/// run; it is cheap and pure): the paste-back layout for the requested output resolution. Issue 7 adds the lip-sync
/// offset and motion smoothing here.
/// </summary>
public sealed class PostProcessStage(IArtifactStore store)
{
    public async Task<PastePlan> RunAsync(JobRequest job, InferenceResult inference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(inference);
        var artifacts = new JobArtifacts(job.JobId);
        var face = await store.ReadJsonAsync<FacePlan>(artifacts.Face, cancellationToken).ConfigureAwait(false);
        var plan = Plan(face, job.Parameters.OutputResolution, inference.FrameCount);
        await store.WriteJsonAsync(artifacts.Post, plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>The same layout <see cref="PasteBackCompositor"/> computes for this source and crop.</summary>
    public static PastePlan Plan(FacePlan face, int outputResolution, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(face);
        var layout = PasteBackLayout.Compute(face.SourceWidth, face.SourceHeight, face.Crop.X, face.Crop.Y, face.Crop.Side, outputResolution);
        return new PastePlan(layout, outputResolution, frameCount);
    }
}
