using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// The one JSON configuration for orchestration inputs, outputs, events and custom status: System.Text.Json with web
/// defaults (camelCase, case-insensitive reads). Every mode uses it, so history written by one reads the same in another.
/// </summary>
internal static class DurablePayloads
{
    /// <summary>The converter registered as the worker's and the client's <see cref="DataConverter"/>.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
