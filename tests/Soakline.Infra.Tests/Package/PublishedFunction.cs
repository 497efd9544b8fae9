using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Package;

/// <summary>One entry of the package's functions.metadata (written by the Worker SDK), read as the Functions host reads it.</summary>
internal sealed record PublishedFunction(string Name, JsonObject Definition)
{
    public IReadOnlyList<JsonObject> Bindings => Definition["bindings"]?.AsArray().OfType<JsonObject>().ToList() ?? [];

    public JsonObject Trigger => Bindings.Single(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);

    public static IReadOnlyList<PublishedFunction> ReadAll(string packageFolder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(packageFolder, "functions.metadata")))!.AsArray()
            .OfType<JsonObject>()
            .Select(f => new PublishedFunction((string)f["name"]!, f))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}
