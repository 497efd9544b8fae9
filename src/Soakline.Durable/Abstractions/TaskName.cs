namespace Soakline.Durable;

/// <summary>
/// The name (and optional version) of an orchestrator or activity. Names compare case-insensitively, as in the
/// Durable Task SDK, so "Deploy" and "deploy" are the same task.
/// </summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    public TaskName(string name)
        : this(name, null)
    {
    }

    public TaskName(string name, string? version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Version = version ?? string.Empty;
    }

    public string Name { get; }

    public string Version { get; }

    public static implicit operator TaskName(string name) => new(name);

    public static bool operator ==(TaskName a, TaskName b) => a.Equals(b);

    public static bool operator !=(TaskName a, TaskName b) => !a.Equals(b);

    public static TaskName FromString(string name) => new(name);

    public bool Equals(TaskName other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Version, other.Version, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty), StringComparer.OrdinalIgnoreCase.GetHashCode(Version ?? string.Empty));

    public override string ToString() => string.IsNullOrEmpty(Version) ? Name : $"{Name}:{Version}";
}
