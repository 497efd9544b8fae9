using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Soakline.Durable.Testing.Serialization;

/// <summary>
/// The one JSON configuration for every payload (inputs, outputs, events, custom status) and for the history a
/// backend stores: System.Text.Json with web defaults, so camelCase on the wire and case-insensitive reading.
/// <see cref="Converter"/> is the SDK <see cref="DataConverter"/> over it; the hosting extensions register it, so the
/// SDK options of the worker and the client pick it up.
/// </summary>
public static class DurablePayloads
{
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    public static DataConverter Converter { get; } = new JsonDataConverter(SerializerOptions);

    /// <summary>
    /// Reads a payload into <paramref name="type"/>; a missing payload of a value type becomes its default value.
    /// Errors name the target type so a bad input is diagnosable from the instance's failure details.
    /// </summary>
    internal static object? Read(DataConverter converter, string? json, Type type, string what)
    {
        if (json is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        try
        {
            return converter.Deserialize(json, type);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new PayloadDeserializationException($"The {what} could not be read as type '{type.FullName}': {ex.Message}", ex);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
