using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>The Function App's settings (what the app and the Functions host read), from the compiled main.bicep.</summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed partial class AppSettingsTemplateTests(CompiledMainTemplate compiled)
{
    private static readonly string[] SecretSettingNames =
    [
        "Soakline__GitHub__WebhookSecret",
        "Soakline__GitHub__PrivateKey",
        "Soakline__GitHub__Token",
        "Soakline__Ssh__PrivateKey",
        "Soakline__Approvals__SigningKey",
        "Soakline__Smtp__Password",
        "Soakline__ApiKey",
    ];

    // Setting name and the compiled value it must have inside the function-app module.
    private static readonly (string Name, string Value)[] PlainSettingValues =
    [
        ("Soakline__TaskHub", "[parameters('taskHubName')]"),
        ("Soakline__Storage__AccountName", "[parameters('storageAccountName')]"),
        ("Soakline__GitHub__AppId", "[parameters('gitHubAppId')]"),
        ("Soakline__Smtp__Host", "[parameters('smtpHost')]"),
        ("Soakline__GitHub__InstallationId", "[parameters('gitHubInstallationId')]"),
        ("Soakline__Smtp__FromAddress", "[parameters('smtpFromAddress')]"),
        ("Soakline__ApprovalMail__PublicBaseUrl", "[if(empty(parameters('publicBaseUrl')), format('https://{0}.azurewebsites.net', parameters('functionAppName')), parameters('publicBaseUrl'))]"),
        ("Soakline__AzureMonitor__WorkspaceId", "[parameters('logAnalyticsWorkspaceId')]"),
        ("MonitorSchedule", "[parameters('monitorSchedule')]"),
        ("APPLICATIONINSIGHTS_CONNECTION_STRING", "[parameters('applicationInsightsConnectionString')]"),
        ("AzureWebJobsStorage__accountName", "[parameters('storageAccountName')]"),
        ("AzureWebJobsStorage__credential", "managedidentity"),
    ];

    public static TheoryData<string> SecretSettings => new(SecretSettingNames);

    public static TheoryData<string, string> PlainSettings
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, value) in PlainSettingValues)
            {
                data.Add(name, value);
            }

            return data;
        }
    }

    private TemplateResource Site => compiled.Template.Single("Microsoft.Web/sites");

    private Dictionary<string, string> Settings =>
        Site.At("properties.siteConfig.appSettings")!.AsArray().OfType<JsonObject>()
            .ToDictionary(setting => (string)setting["name"]!, setting => (string)setting["value"]!, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(PlainSettings))]
    public void Plain_settings_carry_their_parameter(string name, string expectedValue)
    {
        Assert.True(Settings.TryGetValue(name, out var value), $"App setting {name} is missing.");
        Assert.Equal(expectedValue, value);
    }

    [Theory]
    [MemberData(nameof(SecretSettings))]
    public void Secret_settings_are_key_vault_references_to_secrets_the_vault_module_writes(string name)
    {
        Assert.True(Settings.TryGetValue(name, out var value), $"App setting {name} is missing.");
        var match = KeyVaultReference().Match(value);
        Assert.True(match.Success, $"{name} is not a Key Vault reference: {value}");

        var secretName = (string?)Site.Variable("secretNames")?[match.Groups["key"].Value];
        Assert.False(string.IsNullOrEmpty(secretName), $"{name} names an unknown secret key '{match.Groups["key"].Value}'.");
        Assert.Contains(secretName, SecretNamesTheVaultModuleWrites());
    }

    [Fact]
    public void Key_vault_references_point_at_the_deployed_vault_without_a_version()
    {
        // Versionless: rotating a secret in the vault needs no redeployment.
        Assert.Equal("[format('{0}secrets/', parameters('keyVaultUri'))]", (string?)Site.Variable("secretUriPrefix"));
        var passedVaultUri = (string?)compiled.Template.OfType("Microsoft.Resources/deployments")
            .Single(d => (string?)d.At("name") == "function-app")
            .At("properties.parameters.keyVaultUri.value");
        Assert.Contains("'Microsoft.Resources/deployments', 'key-vault')", passedVaultUri, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.keyVaultUri.value]", passedVaultUri, StringComparison.Ordinal);
    }

    [Fact]
    public void No_setting_holds_a_storage_key_or_a_runtime_flex_consumption_rejects()
    {
        Assert.DoesNotContain("AzureWebJobsStorage", Settings.Keys);
        Assert.DoesNotContain(Settings.Values, value => value.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        // Flex Consumption takes the runtime from functionAppConfig and refuses these settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", Settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", Settings.Keys);
    }

    [Fact]
    public void Every_setting_is_either_plain_or_secret_and_known_to_these_tests()
    {
        var known = PlainSettingValues.Select(setting => setting.Name).Concat(SecretSettingNames);

        Assert.Equal(known.Order(StringComparer.Ordinal), Settings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_monitor_sweep_defaults_to_every_five_minutes_in_business_hours()
    {
        Assert.Equal("0 */5 8-18 * * 1-5", (string?)compiled.Template.Root["parameters"]?["monitorSchedule"]?["defaultValue"]);
    }

    private HashSet<string> SecretNamesTheVaultModuleWrites()
    {
        var secrets = compiled.Template.Single("Microsoft.KeyVault/vaults/secrets");
        // The secrets resource loops over the vault module's own secretNames variable and writes each value.
        Assert.Equal("[length(items(variables('secretNames')))]", (string?)secrets.At("copy.count"));
        Assert.EndsWith("items(variables('secretNames'))[copyIndex()].value)]", (string?)secrets.At("name"), StringComparison.Ordinal);
        return secrets.Variable("secretNames")!.AsObject().Select(pair => (string)pair.Value!).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\{1\}\)', variables\('secretUriPrefix'\), variables\('secretNames'\)\.(?<key>\w+)\)\]$")]
    private static partial Regex KeyVaultReference();
}
