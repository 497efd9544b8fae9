using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Package;

/// <summary>One function folder's function.json, read as the Functions host reads it.</summary>
internal sealed record FunctionFolder(string Name, JsonObject Definition)
{
    public IReadOnlyList<JsonObject> Bindings => Definition["bindings"]?.AsArray().OfType<JsonObject>().ToList() ?? [];

    public IReadOnlyList<JsonObject> Triggers => Bindings.Where(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true).ToList();

    public static IReadOnlyList<FunctionFolder> ReadAll(string root) =>
        Directory.GetDirectories(root)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(folder => new FunctionFolder(Path.GetFileName(folder), JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "function.json")))!.AsObject()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}
