using System.Globalization;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Deploy.Ssh;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>One simulated host: its own loopback address and its own folder on this machine.</summary>
public sealed record AppHost(string Name, string Address, string BaseDirectory)
{
    /// <summary>The component's release root on this host (the spec says "app", relative to the base folder).</summary>
    public string ReleaseRoot => Path.Combine(BaseDirectory, "app");

    public string SharedDirectory => Path.Combine(ReleaseRoot, "shared");

    public string CurrentLink => Path.Combine(ReleaseRoot, "current");

    public string ReleaseDirectory(string release) => Path.Combine(ReleaseRoot, "releases", release);

    public string[] ReleaseNames() => Directory.Exists(Path.Combine(ReleaseRoot, "releases"))
        ? Directory.GetDirectories(Path.Combine(ReleaseRoot, "releases")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray()
        : [];

    public string? CurrentTarget => File.Exists(CurrentLink) || Directory.Exists(CurrentLink) ? new FileInfo(CurrentLink).LinkTarget : null;
}
