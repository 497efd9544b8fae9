using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>
/// The Function App's settings (what the app and the Functions host read), as compiled main.bicep deploys them for
/// given parameters (<see cref="FunctionAppDeployment"/>).
/// </summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed class AppSettingsTemplateTests(CompiledMainTemplate compiled)
{
    // Secret parameter, its Key Vault secret and the app setting referencing it.
    private static readonly (string Parameter, string Secret, string Setting)[] Secrets =
    [
        ("gitHubWebhookSecret", "github-webhook-secret", "Soakline__GitHub__WebhookSecret"),
        ("gitHubPrivateKey", "github-private-key", "Soakline__GitHub__PrivateKey"),
        ("gitHubToken", "github-token", "Soakline__GitHub__Token"),
        ("sshPrivateKey", "ssh-private-key", "Soakline__Ssh__PrivateKey"),
        ("approvalsSigningKey", "approvals-signing-key", "Soakline__Approvals__SigningKey"),
        ("smtpPassword", "smtp-password", "Soakline__Smtp__Password"),
        ("apiKeys", "api-keys", "Soakline__ApiKeys"),
    ];

    // Optional plain parameter, a value for it, and the app setting carrying it.
    private static readonly (string Parameter, string Value, string Setting)[] OptionalPlain =
    [
        ("gitHubAppId", "123456", "Soakline__GitHub__AppId"),
        ("gitHubInstallationId", "7654321", "Soakline__GitHub__InstallationId"),
        ("smtpHost", "smtp.example.com", "Soakline__Smtp__Host"),
        ("smtpFromAddress", "soakline@example.com", "Soakline__Smtp__FromAddress"),
        ("smtpUserName", "soakline", "Soakline__Smtp__UserName"),
    ];

    private static readonly string ClientId = FunctionAppDeployment.ModuleOutputs["app-identity"]["clientId"];
    private static readonly string StorageAccount = FunctionAppDeployment.ModuleOutputs["storage"]["storageAccountName"];

    // Settings every deployment has, with the value they get from Everything().
    private static readonly (string Name, string Value)[] AlwaysSet =
    [
        ("AzureWebJobsStorage__accountName", StorageAccount),
        ("AzureWebJobsStorage__credential", "managedidentity"),
        ("AzureWebJobsStorage__clientId", ClientId),
        ("AZURE_CLIENT_ID", ClientId),
        ("APPLICATIONINSIGHTS_CONNECTION_STRING", FunctionAppDeployment.ModuleOutputs["monitoring"]["applicationInsightsConnectionString"]),
        ("MonitorSchedule", "0 */10 * * * *"),
        ("Soakline__TaskHub", "hubundertest"),
        ("Soakline__Watchdog__Schedule", "0 */5 * * * *"),
        ("Soakline__Storage__AccountName", StorageAccount),
        ("Soakline__AzureMonitor__WorkspaceId", FunctionAppDeployment.ModuleOutputs["monitoring"]["workspaceCustomerId"]),
        ("Soakline__ApprovalMail__PublicBaseUrl", "https://soakline.example.com"),
        ("Soakline__Policy__Repositories", "acme/shop"),
    ];

    // Protection policy parameter, a value for it, and the app setting carrying it (an environment's settings appear
    // only when its branches are given).
    private static readonly (string Parameter, string Value, string Setting)[] Policy =
    [
        ("policyStagingBranches", "develop", "Soakline__Policy__Environments__staging__Branches"),
        ("policyStagingHosts", "staging-1", "Soakline__Policy__Environments__staging__Hosts"),
        ("policyStagingRequireApproval", "true", "Soakline__Policy__Environments__staging__RequireApproval"),
        ("policyStagingApprovers", "qa@example.com", "Soakline__Policy__Environments__staging__Approvers"),
        ("policyStagingProbeHosts", "staging.example.com", "Soakline__Policy__Environments__staging__ProbeHosts"),
        ("policyProductionBranches", "main, hotfix/*", "Soakline__Policy__Environments__production__Branches"),
        ("policyProductionHosts", "web-1, web-2", "Soakline__Policy__Environments__production__Hosts"),
        ("policyProductionApprovers", "lead@example.com", "Soakline__Policy__Environments__production__Approvers"),
        ("policyProductionProbeHosts", "shop.example.com", "Soakline__Policy__Environments__production__ProbeHosts"),
    ];

    public static TheoryData<string> SecretParameters => new(Secrets.Select(s => s.Parameter));

    /// <summary>Every parameter that feeds an app setting, with a distinct value.</summary>
    private static Dictionary<string, string> Everything()
    {
        var parameters = FunctionAppDeployment.RequiredParameters();
        parameters["taskHubName"] = "hubundertest";
        parameters["monitorSchedule"] = "0 */10 * * * *";
        parameters["publicBaseUrl"] = "https://soakline.example.com";
        foreach (var secret in Secrets)
        {
            parameters[secret.Parameter] = $"value-of-{secret.Parameter}";
        }

        foreach (var plain in OptionalPlain.Concat(Policy))
        {
            parameters[plain.Parameter] = plain.Value;
        }

        return parameters;
    }

    private static Dictionary<string, string> Nothing() => FunctionAppDeployment.RequiredParameters();

    private FunctionAppDeployment Deploy(Dictionary<string, string> parameters) => FunctionAppDeployment.Evaluate(compiled.Template, parameters);

    [Fact]
    public void Settings_every_deployment_has_carry_their_parameter_or_deployed_resource()
    {
        var settings = Deploy(Everything()).AppSettings;

        Assert.All(AlwaysSet, expected => Assert.Equal(expected.Value, settings.GetValueOrDefault(expected.Name)));
    }

    [Fact]
    public void With_nothing_optional_supplied_only_the_settings_every_deployment_has_are_set()
    {
        var settings = Deploy(Nothing()).AppSettings;

        Assert.Equal(AlwaysSet.Select(s => s.Name).Order(StringComparer.Ordinal), settings.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(@"^https://func-[a-z0-9]{13}\.azurewebsites\.net$", settings["Soakline__ApprovalMail__PublicBaseUrl"]);
    }

    [Fact]
    public void The_protection_policy_environments_get_their_settings_and_kinds_from_the_parameters()
    {
        var settings = Deploy(Everything()).AppSettings;

        Assert.All(Policy, setting => Assert.Equal(setting.Value, settings.GetValueOrDefault(setting.Setting)));
        Assert.Equal("staging", settings["Soakline__Policy__Environments__staging__Kind"]);
        Assert.Equal("production", settings["Soakline__Policy__Environments__production__Kind"]);
    }

    [Fact]
    public void An_environment_without_branches_is_left_out_of_the_policy_and_empty_parameters_set_nothing()
    {
        var parameters = Nothing();
        parameters["policyProductionBranches"] = "main";
        parameters["policyProductionHosts"] = "web-1";
        parameters["policyStagingHosts"] = "staging-1";

        var settings = Deploy(parameters).AppSettings;

        Assert.Equal(
            ["Soakline__Policy__Environments__production__Branches", "Soakline__Policy__Environments__production__Hosts", "Soakline__Policy__Environments__production__Kind"],
            settings.Keys.Where(k => k.StartsWith("Soakline__Policy__Environments__", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Optional_plain_settings_appear_only_with_a_value()
    {
        var settings = Deploy(Everything()).AppSettings;

        Assert.All(OptionalPlain, plain => Assert.Equal(plain.Value, settings.GetValueOrDefault(plain.Setting)));
    }

    [Theory]
    [MemberData(nameof(SecretParameters))]
    public void A_supplied_secret_is_written_to_the_vault_and_only_it_gets_a_versionless_key_vault_reference(string parameter)
    {
        var secret = Secrets.Single(s => s.Parameter == parameter);
        var parameters = Nothing();
        parameters[parameter] = "the-secret-value";

        var deployment = Deploy(parameters);

        Assert.Equal(new Dictionary<string, string> { [secret.Secret] = "the-secret-value" }, deployment.VaultSecrets);
        var references = deployment.AppSettings.Where(s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)).ToList();
        var (name, value) = Assert.Single(references);
        Assert.Equal(secret.Setting, name);
        // Versionless (no segment after the secret name): rotating a secret in the vault needs no redeployment.
        Assert.Equal($"@Microsoft.KeyVault(SecretUri={FunctionAppDeployment.ModuleOutputs["key-vault"]["keyVaultUri"]}secrets/{secret.Secret})", value);
    }

    [Fact]
    public void Secrets_set_in_the_vault_directly_get_references_when_named_and_unknown_names_add_nothing()
    {
        var parameters = Nothing();
        parameters["secretNamesSetInVault"] = "github-private-key, smtp-password,,no-such-secret";

        var deployment = Deploy(parameters);

        Assert.Empty(deployment.VaultSecrets);
        Assert.Equal(
            ["Soakline__GitHub__PrivateKey", "Soakline__Smtp__Password"],
            deployment.AppSettings.Keys.Where(k => Secrets.Any(s => s.Setting == k)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_secret_parameter_maps_to_its_vault_secret_and_app_setting()
    {
        var deployment = Deploy(Everything());

        Assert.Equal(Secrets.Select(s => s.Secret).Order(StringComparer.Ordinal), deployment.VaultSecrets.Keys.Order(StringComparer.Ordinal));
        Assert.All(Secrets, s => Assert.EndsWith($"secrets/{s.Secret})", deployment.AppSettings[s.Setting], StringComparison.Ordinal));
        Assert.All(Secrets, s => Assert.Equal($"value-of-{s.Parameter}", deployment.VaultSecrets[s.Secret]));
    }

    [Fact]
    public void Key_vault_references_point_at_the_deployed_vault()
    {
        Assert.Equal("[format('{0}secrets/', parameters('keyVaultUri'))]", (string?)compiled.Template.Single("Microsoft.Web/sites").Variable("secretUriPrefix"));
        var passedVaultUri = (string?)compiled.Template.OfType("Microsoft.Resources/deployments")
            .Single(d => (string?)d.At("name") == "function-app")
            .At("properties.parameters.keyVaultUri.value");
        Assert.Equal("[reference('keyVault').outputs.keyVaultUri.value]", passedVaultUri);
    }

    [Fact]
    public void No_setting_holds_a_storage_key_or_a_runtime_flex_consumption_rejects()
    {
        var settings = Deploy(Everything()).AppSettings;

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Values, value => value.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
        // Flex Consumption takes the runtime from functionAppConfig and refuses these settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
    }

    [Fact]
    public void Every_setting_is_known_to_these_tests()
    {
        var known = AlwaysSet.Select(s => s.Name).Concat(OptionalPlain.Select(p => p.Setting)).Concat(Secrets.Select(s => s.Setting))
            .Concat(Policy.Select(p => p.Setting)).Concat(["Soakline__Policy__Environments__staging__Kind", "Soakline__Policy__Environments__production__Kind"]);

        Assert.Equal(known.Order(StringComparer.Ordinal), Deploy(Everything()).AppSettings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_monitor_sweep_defaults_to_every_five_minutes_in_business_hours()
    {
        Assert.Equal("0 */5 8-18 * * 1-5", (string?)compiled.Template.Root["parameters"]?["monitorSchedule"]?["defaultValue"]);
        Assert.Equal("0 */5 8-18 * * 1-5", Deploy(Nothing()).AppSettings["MonitorSchedule"]);
    }

    [Fact]
    public void The_vault_module_writes_each_secret_of_the_shared_list()
    {
        var secrets = compiled.Template.Single("Microsoft.KeyVault/vaults/secrets");

        // The secrets resource loops over the vault module's own secretNames variable and writes each value.
        Assert.Equal("[length(items(variables('secretNames')))]", (string?)secrets.At("copy.count"));
        Assert.EndsWith("items(variables('secretNames'))[copyIndex()].value)]", (string?)secrets.At("name"), StringComparison.Ordinal);
        Assert.Equal(
            Secrets.Select(s => s.Secret).Order(StringComparer.Ordinal),
            secrets.Variable("secretNames")!.AsObject().Select(pair => (string)pair.Value!).Order(StringComparer.Ordinal));
    }
}
