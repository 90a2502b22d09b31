using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Sonic.Orchestration.Client;

/// <summary>
/// The failure message of a Failed instance, whichever backend stored it. The in-memory test host fills
/// <see cref="OrchestrationMetadata.FailureDetails"/>; the Azure Storage backend behind the gRPC sidecar leaves it
/// null and keeps the message (<c>"code: sentence"</c>) as the instance's output instead (seen on Azurite).
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
