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
    private readonly Dictionary<string, Mark> _locations = new(StringComparer.Ordinal);

    public IReadOnlyList<SpecError> Errors => _errors;

    public void Record(string path, YamlNode node) => _locations[path] = node.Start;

    public Mark? LocationOf(string path) => _locations.TryGetValue(path, out var mark) ? mark : null;

    /// <summary>Every recorded field's line, for checks made after loading.</summary>
    public SpecLocations Locations() => new(_locations.ToDictionary(l => l.Key, l => (int)l.Value.Line, StringComparer.Ordinal));

    public void Error(string path, Mark mark, string message) =>
        _errors.Add(new SpecError(path, (int)mark.Line, (int)mark.Column, message));

    public void Error(string path, YamlNode node, string message) => Error(path, node.Start, message);

    /// <summary>An error at a path read earlier; falls back to the nearest recorded parent (a default has no line).</summary>
    public void Error(string path, string message)
    {
        for (var probe = path; ; probe = Parent(probe))
        {
            if (_locations.TryGetValue(probe, out var mark))
            {
                Error(path, mark, message);
                return;
            }

            if (probe.Length == 0)
            {
                _errors.Add(new SpecError(path, 1, 1, message));
                return;
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
