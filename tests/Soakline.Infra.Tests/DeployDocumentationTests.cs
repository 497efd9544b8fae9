using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Soakline.Infra.Tests.Bicep;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>docs/deploy-azure.md names everything an operator configures, so the page cannot drift from the templates.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed partial class DeployDocumentationTests(CompiledMainTemplate compiled)
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "deploy-azure.md"));

    [Fact]
    public void Every_app_setting_is_documented()
    {
        // Every parameter that is empty by default given a value, so every optional setting is there.
        var parameters = compiled.Template.Root["parameters"]!.AsObject()
            .Where(pair => pair.Value?["defaultValue"] is not JsonValue defaultValue || (defaultValue.TryGetValue<string>(out var text) && text.Length == 0))
            .ToDictionary(pair => pair.Key, pair => pair.Key == "location" ? "swedencentral" : $"value-of-{pair.Key}");

        var settings = FunctionAppDeployment.Evaluate(compiled.Template, parameters).AppSettings.Keys;

        Assert.Contains("Soakline__Smtp__Password", settings);
        AssertAllMentioned(settings);
    }

    [Fact]
    public void Every_key_vault_secret_name_is_documented()
    {
        var secretNames = compiled.Template.Single("Microsoft.KeyVault/vaults/secrets").Variable("secretNames")!.AsObject()
            .Select(pair => (string)pair.Value!);

        AssertAllMentioned(secretNames);
    }

    [Fact]
    public void Every_azd_environment_variable_the_parameters_file_reads_is_documented()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        var variables = parameters
            .Select(pair => EnvironmentReference().Match((string?)pair.Value?["value"] ?? ""))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .ToList();

        Assert.NotEmpty(variables);
        AssertAllMentioned(variables);
    }

    private static void AssertAllMentioned(IEnumerable<string> names)
    {
        var missing = names.Where(name => !Page.Contains($"`{name}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/deploy-azure.md does not mention: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)(=[^}]*)?\}$")]
    private static partial Regex EnvironmentReference();
}
