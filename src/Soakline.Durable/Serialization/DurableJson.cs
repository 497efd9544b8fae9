using System.Text.Json;

namespace Soakline.Durable.Serialization;

/// <summary>
/// The one JSON convention for every payload the engine stores (inputs, outputs, events, custom status, history):
/// System.Text.Json with web defaults, so camelCase on the wire and case-insensitive reading.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>
    /// Reads a payload into <paramref name="type"/>; a missing payload of a value type becomes its default value.
    /// Errors name the target type so a bad input is diagnosable from the instance's failure details.
    /// </summary>
    public static object? Deserialize(string? json, Type type, string what)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (json is null)
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, type, Options);
        }
        catch (JsonException ex)
        {
            throw new PayloadDeserializationException($"The {what} could not be read as type '{type.FullName}': {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
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
