namespace Sonic.InferenceService.Readiness;

/// <summary>Whether the default model's animator exists and has made one frame (what <c>/readyz</c> reports).</summary>
public sealed class ReadinessState
{
    private volatile string? _problem = "warming up";

    public bool IsReady => _problem is null;

    public string? Problem => _problem;

    public double? WarmUpSeconds { get; private set; }

    /// <summary>The model that was warmed up: the one jobs that name none run.</summary>
    public string? DefaultModel { get; private set; }

    public void Ready(double seconds, string defaultModel)
    {
        WarmUpSeconds = seconds;
        DefaultModel = defaultModel;
        _problem = null;
    }

    public void Failed(string problem) => _problem = problem;
}
