namespace Sonic.Orchestration;

/// <summary>Names under which the orchestration and activities are registered in every host.</summary>
public static class OrchestrationNames
{
    public const string RenderVideo = "RenderVideo";
}
