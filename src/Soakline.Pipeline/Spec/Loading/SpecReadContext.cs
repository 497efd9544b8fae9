using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Soakline.Pipeline.Spec.Loading;

/// <summary>
/// Collects errors while a spec is read and remembers where every field was, so that checks which run after
/// reading (cross references) can still point at a line.
/// </summary>
internal sealed class SpecReadContext
{
    private readonly List<SpecError> _errors = [];
    private readonly List<SpecError> _warnings = [];
    private readonly Dictionary<string, Mark> _locations = new(StringComparer.Ordinal);

    public IReadOnlyList<SpecError> Errors => _errors;

    /// <summary>What loads but will not work as the user probably expects; same shape as errors, never blocking.</summary>
    public IReadOnlyList<SpecError> Warnings => _warnings;

    /// <summary>Whether the spec wrote this field (a value that is absent is a default, which must never contradict one written).</summary>
    public bool Wrote(string path) => _locations.ContainsKey(path);

    public void Record(string path, YamlNode node) => _locations[path] = node.Start;

    public Mark? LocationOf(string path) => _locations.TryGetValue(path, out var mark) ? mark : null;

    /// <summary>Every recorded field's line, for checks made after loading.</summary>
    public SpecLocations Locations() => new(_locations.ToDictionary(l => l.Key, l => (int)l.Value.Line, StringComparer.Ordinal));

    public void Error(string path, Mark mark, string message) =>
        _errors.Add(new SpecError(path, (int)mark.Line, (int)mark.Column, message));

    public void Error(string path, YamlNode node, string message) => Error(path, node.Start, message);

    /// <summary>A warning at a path read earlier; falls back to the nearest recorded parent, as <see cref="Error(string, string)"/>.</summary>
    public void Warning(string path, string message) => _warnings.Add(At(path, message));

    /// <summary>An error at a path read earlier; falls back to the nearest recorded parent (a default has no line).</summary>
    public void Error(string path, string message) => _errors.Add(At(path, message));

    private SpecError At(string path, string message)
    {
        for (var probe = path; ; probe = Parent(probe))
        {
            if (_locations.TryGetValue(probe, out var mark))
            {
                return new SpecError(path, (int)mark.Line, (int)mark.Column, message);
            }

            if (probe.Length == 0)
            {
                return new SpecError(path, 1, 1, message);
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
