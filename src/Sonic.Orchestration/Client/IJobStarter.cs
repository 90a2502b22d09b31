using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Client;

/// <summary>
/// Starts one render orchestration per job id, idempotently: an instance that already exists (in any state) is
/// success, not an error, so duplicate notifications and retried HTTP calls never start a second job.
/// </summary>
public interface IJobStarter
{
    /// <returns>The instance id (= job id) and whether this call created it.</returns>
    Task<(string InstanceId, bool Created)> StartAsync(JobRequest request, CancellationToken cancellationToken);
}
