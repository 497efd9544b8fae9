using System.Reflection;

namespace Soakline.Cli.Tests.RealApp;

/// <summary>The built app and the repository's samples, recorded into this assembly at build time (see the csproj).</summary>
internal static class RealAppLocations
{
    public static string AppAssembly => Read("AppAssembly");

    public static string SamplesFolder => Path.Combine(Read("RepositoryRoot"), "samples");

    private static string Read(string key) =>
        typeof(RealAppLocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing: the test project sets it at build time");
}
