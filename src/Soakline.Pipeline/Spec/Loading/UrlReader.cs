namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Absolute http(s) URLs, optionally with a <c>{host}</c> placeholder.</summary>
internal static class UrlReader
{
    public static Uri? Absolute(MappingReader reader, string key, bool required = false)
    {
        var text = Template(reader, key, required, allowHostPlaceholder: false);
        return text is null ? null : new Uri(text);
    }

    /// <summary>A URL whose <c>{host}</c> placeholder is replaced per host; validated with a sample host.</summary>
    public static string? Template(MappingReader reader, string key, bool required, bool allowHostPlaceholder)
    {
        var text = reader.String(key, required);
        if (text is null)
        {
            return null;
        }

        var sample = allowHostPlaceholder ? text.Replace(HealthCheckSpec.HostPlaceholder, "host.example", StringComparison.Ordinal) : text;
        if (Uri.TryCreate(sample, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return text;
        }

        var placeholder = allowHostPlaceholder ? $" ({HealthCheckSpec.HostPlaceholder} may stand for each host)" : string.Empty;
        reader.Error(key, $"'{text}' is not an absolute http or https URL{placeholder}");
        return null;
    }
}
