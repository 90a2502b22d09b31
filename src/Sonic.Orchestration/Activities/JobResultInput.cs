using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Activities;

public sealed record JobResultInput(string Stem, JobOutcome Outcome);
