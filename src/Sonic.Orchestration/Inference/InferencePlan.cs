namespace Sonic.Orchestration.Inference;

/// <summary>
/// How this job's inference runs, read from configuration by an activity so the decision is in orchestration history
/// (a replay after a configuration change takes the same path as the first run).
/// </summary>
public sealed record InferencePlan(bool Remote, TimeSpan PollInitial, TimeSpan PollMax, TimeSpan OverallTimeout, int MaxAttempts)
{
    public static InferencePlan From(InferenceServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new InferencePlan(options.IsRemote, options.PollInitial, options.PollMax, options.OverallTimeout, options.MaxAttempts);
    }
}
