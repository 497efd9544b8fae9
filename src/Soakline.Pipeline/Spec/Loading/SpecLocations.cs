namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Where each field of a loaded spec was written, so checks that run after loading (the protection policy) can point
/// at a line the way load errors do.
/// </summary>
public sealed class SpecLocations
{
    private readonly IReadOnlyDictionary<string, int> _lines;

    internal SpecLocations(IReadOnlyDictionary<string, int> lines) => _lines = lines;

    /// <summary>No locations known (a spec built in code).</summary>
    public static SpecLocations None { get; } = new(new Dictionary<string, int>());

    /// <summary>
    /// The 1-based line of a field path (<c>components.api.health.url</c>, <c>branches[1].pattern</c>), or of the nearest
    /// parent that was written; null when neither was (a default).
    /// </summary>
    public int? LineOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var probe = path; probe.Length > 0; probe = Parent(probe))
        {
            if (_lines.TryGetValue(probe, out var line))
            {
                return line;
            }
        }

        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
