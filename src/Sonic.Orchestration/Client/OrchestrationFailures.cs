using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Sonic.Orchestration.Client;

/// <summary>
/// The failure message of a Failed instance, whichever client read it. The in-memory test host and the worker's task
/// hub client fill <see cref="OrchestrationMetadata.FailureDetails"/>; a client that leaves it null may still carry
/// the message (<c>"code: sentence"</c>) as the instance's output.
/// </summary>
public static class OrchestrationFailures
{
    public static string? MessageOf(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.FailureDetails?.ErrorMessage is { Length: > 0 } message)
        {
            return message;
        }

        var output = instance.SerializedOutput;
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed || string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        if (output.StartsWith('"'))
        {
            try
            {
                return JsonSerializer.Deserialize<string>(output);
            }
            catch (JsonException)
            {
                // Not a JSON string after all: the raw text is the message.
            }
        }

        return output;
    }
}
