using System.Reflection;

namespace Soakline.Infra.Tests.Bicep;

/// <summary>
/// Paths the build bakes into this assembly (see the csproj): the Bicep CLI from its NuGet package and
/// the repository root, so the tests check the repository's own files wherever the runner starts.
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string MainTemplate { get; } = Path.Combine(Infra, "main.bicep");

    public static string BicepConfig { get; } = Path.Combine(Infra, "bicepconfig.json");

    public static string BicepExecutable { get; } = Metadata("BicepExecutable");

    /// <summary>Every .bicep file under infra/, as paths relative to infra/ (stable test-case names).</summary>
    public static IReadOnlyList<string> BicepFiles() =>
        Directory.EnumerateFiles(Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Infra, path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing: rebuild Soakline.Infra.Tests.");
}
