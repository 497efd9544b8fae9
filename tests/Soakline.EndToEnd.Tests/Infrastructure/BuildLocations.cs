using System.Reflection;

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>Paths recorded into this assembly at build time (see the csproj), so tests find the repository from bin/.</summary>
internal static class BuildLocations
{
    public static string RepositoryRoot { get; } = Read("RepositoryRoot");

    /// <summary>The Soakline app built by the solution, started as a real process by the release tests.</summary>
    public static string AppAssembly { get; } = Read("AppAssembly");

    /// <summary>The sample app built by the solution (the test project references it for build order only).</summary>
    public static string SampleAppAssembly { get; } = Read("SampleAppAssembly");

    /// <summary><c>samples/</c>: the demo repository's template and <c>create-demo-repo.sh</c>.</summary>
    public static string SamplesFolder => Path.Combine(RepositoryRoot, "samples");

    /// <summary>Screenshots and other artifacts a run leaves behind, next to the test assembly.</summary>
    public static string OutputFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "test-output")).FullName;

    private static string Read(string key) =>
        typeof(BuildLocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing: the test project sets it at build time");
}
