using System.Text.RegularExpressions;

namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>The SHA256 fingerprints one host is allowed to present, in the form <c>ssh-keygen -lf</c> prints.</summary>
internal sealed partial class HostKeyPins
{
    private readonly HashSet<string> _fingerprints;

    private HostKeyPins(HashSet<string> fingerprints) => _fingerprints = fingerprints;

    public IReadOnlyCollection<string> Fingerprints => _fingerprints.Select(f => "SHA256:" + f).ToList();

    /// <summary>Parses configured pins; the error names <paramref name="field"/>.</summary>
    public static HostKeyPins Parse(IEnumerable<string> pins, string field)
    {
        ArgumentNullException.ThrowIfNull(pins);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pin in pins)
        {
            var normalized = Normalize(pin);
            if (!FingerprintPattern().IsMatch(normalized))
            {
                throw new ArgumentException(
                    $"{field}: '{pin}' is not a SHA256 host key fingerprint (expected 'SHA256:' and 43 base64 characters; " +
                    "get it with: ssh-keyscan -p PORT HOST | ssh-keygen -lf -).", field);
            }

            set.Add(normalized);
        }

        if (set.Count == 0)
        {
            throw new ArgumentException(
                $"{field}: no host key is pinned; an unpinned host is never trusted (get it with: ssh-keyscan -p PORT HOST | ssh-keygen -lf -).", field);
        }

        return new HostKeyPins(set);
    }

    /// <summary>True when <paramref name="presentedSha256"/> (SSH.NET's form: unpadded base64, no prefix) is pinned.</summary>
    public bool Accepts(string presentedSha256) => _fingerprints.Contains(Normalize(presentedSha256));

    private static string Normalize(string? fingerprint)
    {
        var text = (fingerprint ?? "").Trim();
        if (text.StartsWith("SHA256:", StringComparison.Ordinal))
        {
            text = text["SHA256:".Length..];
        }

        return text.TrimEnd('=');
    }

    [GeneratedRegex("^[A-Za-z0-9+/]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintPattern();
}
