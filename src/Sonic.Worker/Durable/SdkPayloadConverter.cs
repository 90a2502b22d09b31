using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Sonic.Worker.Durable;

/// <summary>
/// Lets the engine's <c>TaskHubClient</c> write inputs with the SDK's System.Text.Json converter, the one the shims
/// read them back with (the engine's own is Newtonsoft-based and names properties differently).
/// </summary>
internal sealed class SdkPayloadConverter(SdkDataConverter converter) : CoreDataConverter
{
    public override string? Serialize(object value) => converter.Serialize(value);

    public override string? Serialize(object value, bool formatted) => converter.Serialize(value);

    public override object? Deserialize(string data, Type objectType) => converter.Deserialize(data, objectType);
}
