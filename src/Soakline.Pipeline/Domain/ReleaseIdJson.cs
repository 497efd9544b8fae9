using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soakline.Pipeline.Domain;

// Release ids travel through durable history as JSON strings and are re-validated when read back.
[JsonConverter(typeof(ReleaseIdJsonConverter))]
public sealed partial record ReleaseId;
