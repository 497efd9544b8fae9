namespace Soakline.Durable.Testing;

/// <summary>
/// Instance id rules, checked at the client so a bad id fails at once with a clear message instead of deep inside a
/// storage backend (Azure Table keys forbid '/', '\', '#', '?' and control characters).
/// </summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    public static void Validate(string? instanceId, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            throw new ArgumentException("An instance id must not be empty.", parameterName);
        }

        if (instanceId.Length > MaxLength)
        {
            throw new ArgumentException($"Instance id '{instanceId[..32]}...' is longer than {MaxLength} characters.", parameterName);
        }

        foreach (var c in instanceId)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"Instance id '{instanceId}' contains '{(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())}', which instance ids may not contain ('/', '\\', '#', '?' and control characters).", parameterName);
            }
        }
    }
}
