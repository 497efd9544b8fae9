using System.Security.Cryptography;
using System.Text;

namespace Soakline.Functions.Authentication;

/// <summary>
/// The named API keys of <c>Soakline__ApiKeys</c> (<c>name=key; name2=key2</c>). A caller presenting a key is
/// authenticated as the key's name, which is the identity decisions are recorded under.
/// </summary>
internal sealed class ApiKeySet
{
    public const int MinimumKeyLength = 16;

    private readonly IReadOnlyList<NamedApiKey> _keys;

    private ApiKeySet(IReadOnlyList<NamedApiKey> keys) => _keys = keys;

    public static ApiKeySet Empty { get; } = new([]);

    public bool IsEmpty => _keys.Count == 0;

    public IReadOnlyList<string> Names => [.. _keys.Select(k => k.Name)];

    /// <summary>The key a caller presented, matched in constant time against every configured key.</summary>
    public NamedApiKey? Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        // Compare hashes (equal lengths, nothing learned about a key's length) and visit every key whatever matches,
        // so the time taken does not tell which entry, or whether any, matched.
        var hash = Hash(presented);
        NamedApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.KeyHash))
            {
                found = key;
            }
        }

        return found;
    }

    /// <summary>The entry with this name (names compare without case), if the key still exists.</summary>
    public NamedApiKey? Find(string name) => _keys.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses the setting, adding one problem per bad entry to <paramref name="problems"/>: entries are named by their
    /// name (or their position when they have none), never by their key.
    /// </summary>
    public static ApiKeySet Parse(string? value, string settingName, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (value is null)
        {
            return Empty;
        }

        var entries = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var keys = new List<NamedApiKey>();
        for (var i = 0; i < entries.Length; i++)
        {
            var position = $"entry {i + 1} of {entries.Length}";
            var equals = entries[i].IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                problems.Add($"{settingName}: {position} is not name=key (no '='); each entry names who the key belongs to, e.g. ci-bot=<key>.");
                continue;
            }

            var name = entries[i][..equals].Trim();
            var key = entries[i][(equals + 1)..].Trim();
            if (name.Length == 0)
            {
                problems.Add($"{settingName}: {position} has no name before '='.");
                continue;
            }

            if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ','))
            {
                problems.Add($"{settingName}: the name '{Printable(name)}' may not contain spaces, commas or control characters.");
                continue;
            }

            if (key.Length < MinimumKeyLength)
            {
                problems.Add($"{settingName}: the key named '{name}' is too short: at least {MinimumKeyLength} characters (e.g. `openssl rand -hex 32`).");
                continue;
            }

            var entry = new NamedApiKey(name, Hash(key));
            if (keys.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)) is not null)
            {
                problems.Add($"{settingName}: the name '{name}' is used more than once; each name needs exactly one key.");
            }
            else if (keys.FirstOrDefault(k => k.KeyHash.AsSpan().SequenceEqual(entry.KeyHash)) is { } twin)
            {
                problems.Add($"{settingName}: the keys named '{twin.Name}' and '{name}' are the same; each name needs its own key.");
            }
            else
            {
                keys.Add(entry);
            }
        }

        if (entries.Length == 0)
        {
            problems.Add($"{settingName} has no entries: write name=key; name2=key2.");
        }

        return new ApiKeySet(keys);
    }

    public override string ToString() => $"ApiKeySet {{ Names = [{string.Join(", ", Names)}], keys redacted }}";

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
