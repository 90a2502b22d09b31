using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Activities;

public sealed record PostProcessInput(JobRequest Job, InferenceResult Inference);
