using System.Text.Json.Nodes;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>Parameters and outputs: what an operator sees when deploying, from the compiled main.bicep.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class TemplateInterfaceTests(CompiledMainTemplate compiled)
{
    [Fact]
    public void Every_parameter_and_output_of_every_template_is_described()
    {
        var templates = new[] { ("main", compiled.Template.Root) }
            .Concat(compiled.Template.OfType("Microsoft.Resources/deployments")
                .Select(d => ((string?)d.At("name") ?? "?", d.At("properties.template")!.AsObject())));

        var undescribed = templates
            .SelectMany(t => Members(t.Item2, "parameters").Concat(Members(t.Item2, "outputs"))
                .Where(member => string.IsNullOrWhiteSpace((string?)member.Value?["metadata"]?["description"]))
                .Select(member => $"{t.Item1}: {member.Key}"))
            .ToList();

        Assert.True(undescribed.Count == 0, "Missing @description: " + string.Join(", ", undescribed));
    }

    [Theory]
    [InlineData("SOAKLINE_WEBHOOK_URL", "[format('https://{0}/api/github/webhook', ")]
    [InlineData("SOAKLINE_DASHBOARD_URL", "[format('https://{0}/dashboard', ")]
    public void The_urls_an_operator_needs_are_outputs_on_the_apps_host_name(string output, string expectedStart)
    {
        var value = (string?)compiled.Template.Root["outputs"]?[output]?["value"];

        Assert.StartsWith(expectedStart, value, StringComparison.Ordinal);
        Assert.EndsWith("reference('functionApp').outputs.defaultHostName.value)]", value, StringComparison.Ordinal);
        Assert.Equal("function-app", (string?)compiled.Template.Root["resources"]?["functionApp"]?["name"]);
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonObject template, string section) =>
        template[section] is JsonObject members ? members : [];
}
