using Microsoft.DurableTask;
using Sonic.Orchestration;
using Sonic.Pipeline.Jobs;

namespace Sonic.Api.Tests.Hosting;

/// <summary>
/// A small orchestration registered under <see cref="OrchestrationNames.RenderVideo"/> that stands in for the render
/// so most tests exercise the API, not ffmpeg and ONNX Runtime (RealRenderThroughApiTests runs the real one once).
/// It behaves like the real one towards the API:
/// <see cref="JobProgress"/> custom status, a <see cref="JobOutcome"/> output, failures as "code: sentence".
/// Test knobs ride on <c>file_name</c>: "hold…" waits for the event <see cref="ReleaseEvent"/> (a long-running job
/// to cancel), "noface…" fails with <c>no_face_detected</c>, "crash…" fails without a code.
/// </summary>
internal static class StandInRenderOrchestration
{
    public const string ReleaseEvent = "release";

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<JobRequest, JobOutcome>(OrchestrationNames.RenderVideo, RunAsync);
        registry.AddActivity<StandInRenderActivity>();
    }

    private static async Task<JobOutcome> RunAsync(TaskOrchestrationContext context, JobRequest job)
    {
        var name = job.Parameters.FileName ?? string.Empty;
        context.SetCustomStatus(new JobProgress("validate", 0.05, 12));
        if (name.StartsWith("hold", StringComparison.Ordinal))
        {
            context.SetCustomStatus(new JobProgress("inference", 0.4, 9));
            await context.WaitForExternalEvent<bool>(ReleaseEvent);
        }

        if (name.StartsWith("noface", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("no_face_detected: No face was found in the image.");
        }

        if (name.StartsWith("crash", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("ffmpeg exited with code 1 at /tmp/secret/path: Broken pipe");
        }

        context.SetCustomStatus(new JobProgress("encode", 0.9, 1));
        return await context.CallActivityAsync<JobOutcome>(nameof(StandInRenderActivity), job);
    }
}
