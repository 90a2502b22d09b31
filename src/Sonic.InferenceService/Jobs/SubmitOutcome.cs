namespace Sonic.InferenceService.Jobs;

/// <summary>What a POST did: started the job, found it already there, or found the queue full.</summary>
public enum SubmitOutcome
{
    Created,
    Existing,
    QueueFull,
}
