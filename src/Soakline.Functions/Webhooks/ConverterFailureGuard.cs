using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soakline.Functions.Webhooks;

/// <summary>
/// Wraps one of Octokit.Webhooks' own converters (timestamps, string enums) so that a value it cannot read fails as a
/// <see cref="JsonException"/>: System.Text.Json then adds the JSON path, and the webhook answers 400 naming the field.
/// Octokit's timestamp converter calls <c>DateTimeOffset.Parse</c> and <c>FromUnixTimeSeconds</c>, whose
/// <see cref="FormatException"/> and <see cref="ArgumentOutOfRangeException"/> would otherwise escape without a path
/// (a 500). The wrapped exception's message, which quotes the value, is kept out of the reply.
/// </summary>
internal sealed class ConverterFailureGuard<T>(JsonConverter<T> inner) : JsonConverter<T>
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return inner.Read(ref reader, typeToConvert, options);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new JsonException($"not a value Octokit.Webhooks reads as {Describe(typeof(T))}", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);

    private static string Describe(Type type) =>
        Nullable.GetUnderlyingType(type) is { } underlying ? Describe(underlying)
        : type == typeof(DateTimeOffset) ? "a timestamp (ISO 8601 text or Unix seconds)"
        : type.Name;
}
