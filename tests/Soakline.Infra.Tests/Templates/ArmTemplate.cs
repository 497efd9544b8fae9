using System.Text.Json.Nodes;

namespace Soakline.Infra.Tests.Templates;

/// <summary>
/// The ARM JSON that <c>bicep build</c> produces. Bicep inlines each module as a nested
/// Microsoft.Resources/deployments resource with its own template; this type walks them all, whichever
/// shape a template has (a resource array, or the symbolic-name object of languageVersion 2.0).
/// </summary>
internal sealed class ArmTemplate
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    private ArmTemplate(JsonObject root, IReadOnlyList<TemplateResource> resources)
    {
        Root = root;
        Resources = resources;
    }

    public JsonObject Root { get; }

    /// <summary>Every resource in the template and in every nested module template, modules included.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public static ArmTemplate Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("The compiled template is not a JSON object.");
        var resources = new List<TemplateResource>();
        Collect(root, "main", resources);
        return new ArmTemplate(root, resources);
    }

    public IReadOnlyList<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public TemplateResource Single(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The nested template of the module deployed under this deployment name.</summary>
    public JsonObject Module(string deploymentName) =>
        OfType(DeploymentType).SingleOrDefault(d => (string?)d.Resource["name"] == deploymentName)?.Properties["template"]?.AsObject()
        ?? throw new InvalidOperationException($"No module deployment named '{deploymentName}'.");

    private static void Collect(JsonObject template, string module, List<TemplateResource> into)
    {
        foreach (var resource in ResourcesOf(template))
        {
            into.Add(new TemplateResource(resource, template, module));
            if ((string?)resource["type"] == DeploymentType && resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested, (string?)resource["name"] ?? "?", into);
            }
        }
    }

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };
}
