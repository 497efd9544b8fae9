using System.Collections.Concurrent;
using DurableTask.Core;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// DTFx's lookup of orchestrations or activities by name. Registered names have a creator each; any other name gets
/// one from <paramref name="fallback"/>, so DTFx is never told "not found" (which it answers by retrying forever) and
/// the creator decides how the unknown name fails.
/// </summary>
/// <remarks>
/// Versions are ignored: Soakline registers one implementation per name, as the SDK's registry does without versions.
/// </remarks>
internal sealed class TaskCatalog<T>(Func<string, ObjectCreator<T>> fallback) : INameVersionObjectManager<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, ObjectCreator<T>> _creators = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!_creators.TryAdd(creator.Name, creator))
        {
            throw new InvalidOperationException($"Two {typeof(T).Name} creators are named '{creator.Name}'.");
        }
    }

    public T GetObject(string name, string? version) =>
        (_creators.TryGetValue(name, out var creator) ? creator : fallback(name)).Create();
}
