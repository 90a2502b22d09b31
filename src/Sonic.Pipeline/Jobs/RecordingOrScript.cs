using Sonic.Media.Errors;

namespace Sonic.Pipeline.Jobs;

/// <summary>The one rule for what a job speaks: exactly one of a recording and a <see cref="RenderParameters.Script"/>.</summary>
public static class RecordingOrScript
{
    public static void Check(bool hasRecording, RenderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (hasRecording && parameters.Script is not null)
        {
            throw new SonicJobException(ErrorCodes.InputConflict, "The job has both a recording and a script; give one of them.");
        }

        if (!hasRecording && parameters.Script is null)
        {
            throw new SonicJobException(ErrorCodes.InputMissing, "The job has neither a recording nor a script; give one of them.");
        }
    }
}
