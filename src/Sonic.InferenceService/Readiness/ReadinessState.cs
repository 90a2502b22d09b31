namespace Sonic.InferenceService.Readiness;

/// <summary>Whether the animator's session exists and has made one frame (what <c>/readyz</c> reports).</summary>
public sealed class ReadinessState
{
    private volatile string? _problem = "warming up";

    public bool IsReady => _problem is null;

    public string? Problem => _problem;

    public double? WarmUpSeconds { get; private set; }

    public void Ready(double seconds)
    {
        WarmUpSeconds = seconds;
        _problem = null;
    }

    public void Failed(string problem) => _problem = problem;
}
