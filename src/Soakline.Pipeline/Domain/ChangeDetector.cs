using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Domain;

/// <summary>Which components a set of changed repository paths touches.</summary>
internal static class ChangeDetector
{
    /// <summary>Components with at least one changed path matching one of their globs, in spec order.</summary>
    public static IReadOnlyList<string> ChangedComponents(IEnumerable<ComponentSpec> components, IReadOnlyCollection<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(changedPaths);
        return [.. components.Where(c => Touches(c, changedPaths)).Select(c => c.Name)];
    }

    public static bool Touches(ComponentSpec component, IReadOnlyCollection<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(changedPaths);
        var globs = component.Paths.Select(Glob.Parse).ToList();
        return changedPaths.Any(path => globs.Exists(g => g.IsMatch(path.TrimStart('/'))));
    }
}
