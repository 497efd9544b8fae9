using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Soakline.Functions.Hosting;

/// <summary>
/// The one JSON configuration for durable payloads (inputs, outputs, events, custom status) in every mode:
/// System.Text.Json web defaults (camelCase names, case-insensitive reads), so stored history reads the same everywhere.
/// Azure: <see cref="ObjectSerializer"/> is the worker's <c>WorkerOptions.Serializer</c>; the Durable extension
/// post-configures the SDK worker's and client's DataConverter from it (a DataConverter set directly would be
/// overwritten) and the worker serializes activity results with it. Standalone: <see cref="DataConverter"/> is registered
/// for the engine's SDK options.
/// </summary>
internal static class PayloadJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static ObjectSerializer ObjectSerializer { get; } = new JsonObjectSerializer(Options);

    public static DataConverter DataConverter { get; } = new JsonDataConverter(Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
