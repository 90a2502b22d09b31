using Sonic.Pipeline.Compositing;
using Sonic.Pipeline.PostProcessing;
using Sonic.Pipeline.Storage;

namespace Sonic.Pipeline.Jobs.Stages;

/// <summary>
/// Plans how the animated frames become the video and writes the plan to <c>post.json</c> (overwritten on every
/// run; it is cheap and pure): the paste-back layout for the requested output resolution and the post-processing
/// (lip-sync calibration, motion smoothing, watermark) with the face and mouth boxes it works on. The measuring
/// itself happens in Encode's single frame loop, which reports it.
/// </summary>
public sealed class PostProcessStage(IArtifactStore store)
{
    public async Task<PastePlan> RunAsync(JobRequest job, InferenceResult inference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(inference);
        var artifacts = new JobArtifacts(job.JobId);
        var face = await store.ReadJsonAsync<FacePlan>(artifacts.Face, cancellationToken).ConfigureAwait(false);
        var plan = Plan(face, job.Parameters.OutputResolution, inference.FrameCount) with { Post = PostPlan(face, job.Parameters) };
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

    /// <summary>The user's post-processing options with the face and mouth as fractions of the crop.</summary>
    public static PostProcessPlan PostPlan(FacePlan face, RenderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(parameters);
        return PostProcessPlan.For(parameters, face.FaceInCrop, face.Crop.ResizedSide);
    }
}
