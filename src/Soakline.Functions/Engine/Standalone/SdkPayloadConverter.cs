using CoreDataConverter = DurableTask.Core.Serializing.DataConverter;
using SdkDataConverter = Microsoft.DurableTask.DataConverter;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Lets DTFx's <c>TaskHubClient</c> serialize start inputs and event payloads with the SDK's converter instead of its
/// own Newtonsoft one, so what the client writes is what the SDK shims read.
/// </summary>
internal sealed class SdkPayloadConverter(SdkDataConverter converter) : CoreDataConverter
{
    public override string Serialize(object value) => converter.Serialize(value)!;

    /// <summary>The SDK converter has no indented form; formatting is irrelevant to stored payloads.</summary>
    public override string Serialize(object value, bool formatted) => converter.Serialize(value)!;

    public override object Deserialize(string data, Type objectType) => converter.Deserialize(data, objectType)!;
}
