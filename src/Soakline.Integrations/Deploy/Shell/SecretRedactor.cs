namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// Masks known secret values in text that came back from a host (hook output) before it reaches a log or an error
/// message: a hook that echoes its environment must not leak it through Soakline.
/// </summary>
internal sealed class SecretRedactor
{
    // Very short values ("1", "on") would turn every occurrence of that text into a mask and make output
    // unreadable while protecting nothing: such values are not secrets.
    private const int MinimumSecretLength = 4;
    private const string Mask = "***";

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so a secret that contains another is masked whole.
        _secrets = secrets.Where(s => s.Length >= MinimumSecretLength).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
    }

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
