using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Templates;

/// <summary>A resource of the compiled ARM template, with the (nested) template that declares it.</summary>
internal sealed record TemplateResource(JsonObject Resource, JsonObject DeclaringTemplate, string Module)
{
    public string Type => (string)Resource["type"]!;

    public JsonObject Properties => Resource["properties"]?.AsObject()
        ?? throw new InvalidOperationException($"{Type} in module '{Module}' has no properties.");

    /// <summary>The node at a dotted path under the resource, e.g. "properties.siteConfig.minTlsVersion"; null when absent.</summary>
    public JsonNode? At(string dottedPath) =>
        dottedPath.Split('.').Aggregate<string, JsonNode?>(Resource, (node, segment) => node?[segment]);

    /// <summary>The value of a variable of the declaring template (the compiled form keeps Bicep variables).</summary>
    public JsonNode? Variable(string name) => DeclaringTemplate["variables"]?[name];
}
