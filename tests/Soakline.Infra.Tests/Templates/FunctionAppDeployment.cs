using System.Text.Json.Nodes;
using Soakline.Infra.Tests.Templates.Expressions;

namespace Soakline.Infra.Tests.Templates;

/// <summary>
/// The Function App as compiled main.bicep would deploy it for given parameter values: the function-app module's
/// parameters evaluated in main's scope, then the site's app settings evaluated in the module's scope, conditions and
/// all. What only exists once Azure has created a resource (a vault URI, an identity's client id) comes from
/// <see cref="ModuleOutputs"/>, standing in for what the other modules' deployments return.
/// </summary>
internal sealed class FunctionAppDeployment
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>Plausible outputs of the modules the function-app module takes values from, by deployment name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ModuleOutputs { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["storage"] = new Dictionary<string, string>
            {
                ["storageAccountName"] = "stdeployedtest",
                ["deploymentContainerUrl"] = "https://stdeployedtest.blob.core.windows.net/app-package",
            },
            ["key-vault"] = new Dictionary<string, string> { ["keyVaultUri"] = "https://kv-deployedtest.vault.azure.net/" },
            ["monitoring"] = new Dictionary<string, string>
            {
                ["applicationInsightsConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/",
                ["workspaceCustomerId"] = "00000000-0000-0000-0000-000000000002",
            },
            ["app-identity"] = new Dictionary<string, string>
            {
                ["resourceId"] = $"/subscriptions/{ArmFunctions.SubscriptionId}/resourceGroups/rg-test/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-deployedtest",
                ["clientId"] = "00000000-0000-0000-0000-000000000003",
            },
        };

    /// <summary>main.bicep's parameters without defaults (what azd always passes); every other one at its default.</summary>
    public static Dictionary<string, string> RequiredParameters() => new()
    {
        ["environmentName"] = "soakline-test",
        ["location"] = "swedencentral",
        ["policyRepositories"] = "acme/shop",
    };

    private FunctionAppDeployment(IReadOnlyDictionary<string, string> appSettings, IReadOnlyDictionary<string, string> vaultSecrets)
    {
        AppSettings = appSettings;
        VaultSecrets = vaultSecrets;
    }

    /// <summary>The site's app settings, name to value, as the deployment writes them (Key Vault references unresolved).</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>The secrets the deployment writes to Key Vault, by secret name.</summary>
    public IReadOnlyDictionary<string, string> VaultSecrets { get; }

    /// <param name="parameters">main.bicep's parameters; those left out take their defaults.</param>
    public static FunctionAppDeployment Evaluate(ArmTemplate main, IReadOnlyDictionary<string, string> parameters)
    {
        var resources = main.Root["resources"]?.AsObject()
            ?? throw new InvalidOperationException("main.bicep is expected to compile to symbolic resource names (languageVersion 2.0).");
        var mainScope = new TemplateScope(
            main.Root,
            parameters.ToDictionary(pair => pair.Key, pair => (JsonNode?)JsonValue.Create(pair.Value)),
            symbolicName => ModuleDeploymentOutputs(resources, symbolicName));

        var functionAppModule = main.OfType(DeploymentType).Single(d => (string?)d.At("name") == "function-app");
        var moduleParameters = functionAppModule.Properties["parameters"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => mainScope.Resolve(pair.Value!["value"]));
        var moduleScope = new TemplateScope(
            functionAppModule.Properties["template"]!.AsObject(),
            moduleParameters,
            name => throw new InvalidOperationException($"The function-app module references '{name}': give this evaluator its outputs."));

        var site = main.Single("Microsoft.Web/sites");
        var appSettings = moduleScope.Resolve(site.At("properties.siteConfig.appSettings"))!.AsArray()
            .Select(setting => setting!.AsObject())
            .ToDictionary(setting => (string)setting["name"]!, setting => ArmFunctions.Text(setting["value"]), StringComparer.Ordinal);

        return new FunctionAppDeployment(appSettings, SecretsWritten(mainScope));
    }

    /// <summary>What the vault module writes: every secret whose value is not empty (KeyVaultTemplateTests checks the condition).</summary>
    private static Dictionary<string, string> SecretsWritten(TemplateScope main)
    {
        var names = main.Variable("secretNames")!.AsObject();
        var values = main.Variable("secretValues")!.AsObject();
        return names
            .Select(pair => (Name: ArmFunctions.Text(pair.Value), Value: ArmFunctions.Text(values[pair.Key])))
            .Where(secret => secret.Value.Length > 0)
            .ToDictionary(secret => secret.Name, secret => secret.Value, StringComparer.Ordinal);
    }

    private static JsonObject ModuleDeploymentOutputs(JsonObject resources, string symbolicName)
    {
        var deployment = resources[symbolicName]?.AsObject();
        var deploymentName = (string?)deployment?["name"];
        if ((string?)deployment?["type"] != DeploymentType || deploymentName is null || !ModuleOutputs.TryGetValue(deploymentName, out var outputs))
        {
            throw new InvalidOperationException($"main.bicep references '{symbolicName}', which is not a module this evaluator has outputs for.");
        }

        return new JsonObject
        {
            ["outputs"] = new JsonObject(outputs.Select(output => KeyValuePair.Create(output.Key, (JsonNode?)new JsonObject { ["value"] = output.Value }))),
        };
    }
}
