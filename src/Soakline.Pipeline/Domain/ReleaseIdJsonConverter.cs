using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soakline.Pipeline.Domain;

/// <summary>Writes a <see cref="ReleaseId"/> as its string value and parses it (strictly) when reading.</summary>
internal sealed class ReleaseIdJsonConverter : JsonConverter<ReleaseId>
{
    public override ReleaseId? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : ReleaseId.Parse(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, ReleaseId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Value);
    }
}
