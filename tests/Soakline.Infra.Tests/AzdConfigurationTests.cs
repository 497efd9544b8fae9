using System.Text.Json.Nodes;
using Soakline.Infra.Tests.Bicep;
using Soakline.Infra.Tests.Templates;
using YamlDotNet.RepresentationModel;

namespace Soakline.Infra.Tests;

/// <summary>azure.yaml and infra/main.parameters.json agree with main.bicep, so `azd up` finds what it needs.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class AzdConfigurationTests(CompiledMainTemplate compiled)
{
    private const string ServiceName = "soakline";

    private static YamlMappingNode AzureYaml { get; } = LoadYaml(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

    private static YamlMappingNode Service => (YamlMappingNode)((YamlMappingNode)AzureYaml["services"])[ServiceName];

    [Fact]
    public void Azd_provisions_main_bicep_from_the_infra_folder()
    {
        Assert.Equal("bicep", Scalar(AzureYaml, "infra", "provider"));
        Assert.Equal("infra", Scalar(AzureYaml, "infra", "path"));
        Assert.Equal("main", Scalar(AzureYaml, "infra", "module"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "infra", "main.parameters.json")));
    }

    [Fact]
    public void Azd_publishes_the_isolated_worker_project_to_a_function_app()
    {
        Assert.Equal("function", Scalar(Service, "host"));
        Assert.Equal("dotnet", Scalar(Service, "language"));
        var project = Scalar(Service, "project")!;
        Assert.Equal("./src/Soakline.Functions", project);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project, "Soakline.Functions.csproj")), $"{project} has no Soakline.Functions.csproj");

        // azd builds the project itself (dotnet publish); nothing is prebuilt, assembled by a hook or built on the server.
        Assert.Null(Scalar(Service, "dist"));
        Assert.Null(Scalar(Service, "remoteBuild"));
        Assert.False(Service.Children.ContainsKey(new YamlScalarNode("hooks")), "no prepackage hook: azd's dotnet publish gives the package");
    }

    [Fact]
    public void The_function_app_carries_the_azd_service_name_tag_of_the_azure_yaml_service()
    {
        Assert.Equal(ServiceName, (string?)compiled.Template.Root["variables"]?["azdServiceName"]);
        var site = compiled.Template.Single("Microsoft.Web/sites");
        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('azdServiceName')))]", (string?)site.At("tags"));
        var passed = (string?)compiled.Template.OfType("Microsoft.Resources/deployments")
            .Single(d => (string?)d.At("name") == "function-app")
            .At("properties.parameters.azdServiceName.value");
        Assert.Equal("[variables('azdServiceName')]", passed);
    }

    [Fact]
    public void The_parameters_file_names_only_parameters_main_bicep_declares_and_every_required_one()
    {
        var declared = compiled.Template.Root["parameters"]!.AsObject();
        var supplied = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(supplied, pair => Assert.True(declared.ContainsKey(pair.Key), $"main.parameters.json sets unknown parameter '{pair.Key}'."));
        var required = declared.Where(pair => pair.Value?["defaultValue"] is null).Select(pair => pair.Key);
        Assert.All(required, name => Assert.True(supplied.ContainsKey(name), $"main.parameters.json lacks required parameter '{name}'."));
        Assert.Equal("${AZURE_ENV_NAME}", (string?)supplied["environmentName"]?["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)supplied["location"]?["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)supplied["principalId"]?["value"]);
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }
}
