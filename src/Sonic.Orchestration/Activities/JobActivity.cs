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
    // The Durable Task SDK gives activities no cancellation token; a cancelled orchestration simply ignores the result.
    public sealed override Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
        => ExecuteAsync(input, CancellationToken.None);

    /// <summary>
    /// The activity's whole body, callable without a <see cref="TaskActivityContext"/>: the Azure Functions app's
    /// <c>[ActivityTrigger]</c> functions call this, so both hosts run the same code.
    /// </summary>
    public async Task<TOutput> ExecuteAsync(TInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await RunStageAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (SonicJobException ex)
        {
            throw new SonicJobException(ex.Code, JobError.From(ex).ToFailureMessage(), ex);
        }
    }

    protected abstract Task<TOutput> RunStageAsync(TInput input, CancellationToken cancellationToken);
}
