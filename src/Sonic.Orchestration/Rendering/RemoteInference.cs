using Microsoft.DurableTask;
using Sonic.Orchestration.Inference;
using Sonic.Pipeline.Jobs;
using Sonic.Pipeline.Jobs.RemoteInference;
using Sonic.Pipeline.Jobs.Stages;

namespace Sonic.Orchestration.Rendering;

/// <summary>
/// The inference stage against the GPU service, as orchestrator code: submit, then durable timers with doubling
/// waits (<see cref="InferencePlan.PollInitial"/> … <see cref="InferencePlan.PollMax"/>) between polls, shortened to
/// just past the finish the service's progress predicts (<see cref="PollCadence"/>). Container
/// Apps cuts requests at 240 s and inference takes minutes, so no call waits for the work; the orchestration sleeps
/// in history between polls and costs nothing. A service that forgot the job (restart) gets it again; a job the
/// service failed is submitted again up to <see cref="InferencePlan.MaxAttempts"/> times; HTTP faults were already
/// retried inside the client, so a failed activity just means "try at the next poll"; past
/// <see cref="InferencePlan.OverallTimeout"/> the job fails with <c>inference_unavailable</c>.
/// Deterministic: time only from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
/// </summary>
public static class RemoteInference
{
    private const int MaxReason = 200;

    public static async Task<(InferenceResult? Result, JobError? Error)> RunAsync(TaskOrchestrationContext context, JobRequest job, InferencePlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(plan);
        var deadline = context.CurrentUtcDateTime + plan.OverallTimeout;
        var submission = new InferenceJobSubmission(job.JobId, job.Parameters, job.Parameters.Model);
        var cadence = new PollCadence(plan.PollInitial, plan.PollMax, context.CurrentUtcDateTime);
        var delay = plan.PollInitial;
        var submitted = false;
        var failures = 0;
        var lastProblem = "no answer yet";
        // Bounded by the deadline (history grows by one timer and one or two activities per round: with the default
        // 2 s … 15 s waits, a 30 min budget is ~130 rounds, well within what one history holds).
        while (context.CurrentUtcDateTime <= deadline)
        {
            try
            {
                if (!submitted)
                {
                    await context.CallActivityAsync<InferenceJobStatus>(OrchestrationNames.SubmitInference, submission);
                    submitted = true;
                }

                var poll = await context.CallActivityAsync<InferencePoll>(OrchestrationNames.PollInference, job.JobId);
                delay = cadence.Next(context.CurrentUtcDateTime, poll.State, poll.Progress);
                if (!poll.Known)
                {
                    submitted = false;
                    lastProblem = "the service had forgotten the job (restarted) and it was submitted again";
                }
                else if (poll.State == InferenceJobStates.Succeeded && poll.Result is { } result)
                {
                    return (result, null);
                }
                else if (poll.State == InferenceJobStates.Failed)
                {
                    var error = new JobError(poll.ErrorCode ?? InferenceServiceErrorCodes.InferenceFailed, poll.ErrorMessage ?? "Inference failed.");
                    if (++failures >= plan.MaxAttempts || !IsRetryable(error.Code))
                    {
                        return (null, error);
                    }

                    submitted = false; // the service starts a failed job afresh on the next POST
                }
            }
            catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<InferenceRejectedException>())
            {
                var rejected = JobError.FromFailure(ex.FailureDetails.ErrorMessage);
                return (null, new JobError(InferenceServiceErrorCodes.InferenceFailed, $"The inference service refused the job: {rejected.Message}"));
            }
            catch (TaskFailedException ex)
            {
                lastProblem = Shorten(ex.FailureDetails.ErrorMessage);
                delay = cadence.Next(context.CurrentUtcDateTime, state: null, progress: 0);
            }

            if (context.CurrentUtcDateTime + delay > deadline)
            {
                break;
            }

            await context.CreateTimer(context.CurrentUtcDateTime + delay, CancellationToken.None);
        }

        return (null, new JobError(
            InferenceServiceErrorCodes.InferenceUnavailable,
            $"The inference service did not finish the job within {plan.OverallTimeout.TotalSeconds:0} s (last problem: {lastProblem})."));
    }

    /// <summary>Bad input (the stage's own codes) fails at once; the service's runtime failures get another attempt.</summary>
    private static bool IsRetryable(string code) => code is InferenceServiceErrorCodes.InferenceFailed or JobError.InternalError;

    private static string Shorten(string? message)
    {
        var line = (message ?? string.Empty).Split('\n', 2)[0].Trim();
        return line.Length > MaxReason ? line[..MaxReason] + "…" : line;
    }
}
