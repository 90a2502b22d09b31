using Microsoft.DurableTask;
using Sonic.Media.Errors;
using Sonic.Pipeline.Jobs;

namespace Sonic.Orchestration.Activities;

/// <summary>
/// Base of the render activities: runs one stage service and carries bad input across the activity boundary.
/// Durable Task keeps only an exception's type and message, so a <see cref="SonicJobException"/> is rethrown as one
/// whose message is <see cref="JobError.ToFailureMessage"/> (<c>"code: sentence"</c>): the retry filter sees the type
/// (never retried), the orchestrator reads the code back with <see cref="JobError.FromFailure"/>.
/// </summary>
public abstract class JobActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            // The SDK gives activities no cancellation token; a cancelled orchestration simply ignores the result.
            return await RunStageAsync(input, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SonicJobException ex)
        {
            throw new SonicJobException(ex.Code, JobError.From(ex).ToFailureMessage(), ex);
        }
    }

    protected abstract Task<TOutput> RunStageAsync(TInput input, CancellationToken cancellationToken);
}
