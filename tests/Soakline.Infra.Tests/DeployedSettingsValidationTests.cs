using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Adapters;
using Soakline.Functions.Configuration;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests;

/// <summary>
/// After `azd up` the app must start: the app settings compiled main.bicep gives the Function App, with Key Vault
/// references resolved the way App Service resolves them (a secret that exists becomes its value, any other reference
/// stays as its text), go through the checks the app runs at start-up.
/// </summary>
[Collection(CompiledMainTemplateCollection.Name)]
public sealed partial class DeployedSettingsValidationTests(CompiledMainTemplate compiled)
{
    private const string WebhookSecret = "whsec-deployed-0123456789abcdef";

    /// <summary>48 bytes, base64, like `openssl rand -base64 48`.</summary>
    private const string SigningKey = "ZGVwbG95ZWQtc2lnbmluZy1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    /// <summary>
    /// What the Functions host adds to the worker's configuration in Azure, beyond the app settings: the worker maps the
    /// host's <c>--functions-uri</c> argument to this key, which selects the app's isolated-worker mode, where the API
    /// key is optional (function keys guard the API).
    /// </summary>
    private static readonly Dictionary<string, string> SetByTheFunctionsHost = new() { ["Functions__Worker__HostEndpoint"] = "http://127.0.0.1:7071/" };

    /// <summary>What docs/deploy-azure.md requires before `azd up`: the environment, and the two secrets the app needs.</summary>
    private static Dictionary<string, string> RequiredOnly()
    {
        var parameters = FunctionAppDeployment.RequiredParameters();
        parameters["gitHubWebhookSecret"] = WebhookSecret;
        parameters["approvalsSigningKey"] = SigningKey;
        return parameters;
    }

    public static TheoryData<string, string> RequiredSecrets => new()
    {
        { "gitHubWebhookSecret", "Soakline__GitHub__WebhookSecret" },
        { "approvalsSigningKey", "Soakline__Approvals__SigningKey" },
    };

    [Fact]
    public void With_the_optional_secrets_absent_the_app_gets_no_reference_to_them_and_starts()
    {
        var deployment = Deploy(RequiredOnly());

        Assert.Equal(
            ["Soakline__Approvals__SigningKey", "Soakline__GitHub__WebhookSecret"],
            deployment.AppSettings.Where(s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)).Select(s => s.Key).Order(StringComparer.Ordinal));
        var start = Start(deployment);
        Assert.True(start.Problems.Count == 0, "The app would refuse to start: " + string.Join(" | ", start.Problems));
        Assert.Empty(start.Warnings);
    }

    [Theory]
    [MemberData(nameof(RequiredSecrets))]
    public void Without_a_required_secret_the_app_refuses_to_start_naming_its_setting(string parameter, string setting)
    {
        var parameters = RequiredOnly();
        parameters.Remove(parameter);

        var start = Start(Deploy(parameters));

        Assert.StartsWith($"{setting} is missing", Assert.Single(start.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_secret_named_as_set_in_the_vault_works_when_it_is_there_and_says_why_not_when_it_is_not()
    {
        var parameters = RequiredOnly();
        parameters.Remove("approvalsSigningKey");
        parameters["secretNamesSetInVault"] = " approvals-signing-key ";
        var deployment = Deploy(parameters);

        var notThere = Start(deployment);
        var there = Start(deployment, setInVaultDirectly: new Dictionary<string, string> { ["approvals-signing-key"] = SigningKey });

        Assert.StartsWith("Soakline__Approvals__SigningKey: the Key Vault reference did not resolve", Assert.Single(notThere.Problems), StringComparison.Ordinal);
        Assert.Empty(there.Problems);
    }

    [Fact]
    public void Optional_secrets_named_as_set_in_the_vault_but_missing_count_as_absent_with_warnings()
    {
        var parameters = RequiredOnly();
        parameters["secretNamesSetInVault"] = "smtp-password,api-keys";

        var start = Start(Deploy(parameters));

        Assert.Empty(start.Problems);
        Assert.Equal(["Soakline__ApiKeys", "Soakline__Smtp__Password"], start.Warnings.Select(w => w[..w.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void A_production_policy_without_hosts_or_approvers_stops_the_start_naming_the_settings()
    {
        var parameters = RequiredOnly();
        parameters["policyProductionBranches"] = "main";

        var start = Start(Deploy(parameters));

        Assert.Equal(
            ["Soakline__Policy__Environments__production__Approvers is missing", "Soakline__Policy__Environments__production__Hosts is missing"],
            start.Problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void With_every_parameter_supplied_the_app_starts_too()
    {
        using var appKey = RSA.Create(2048);
        var parameters = RequiredOnly();
        parameters["gitHubAppId"] = "123456";
        parameters["gitHubInstallationId"] = "7654321";
        parameters["gitHubPrivateKey"] = appKey.ExportRSAPrivateKeyPem();
        parameters["gitHubToken"] = "github_pat_deployedtest0123456789";
        parameters["sshPrivateKey"] = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-used-without-hosts\n-----END OPENSSH PRIVATE KEY-----";
        parameters["smtpHost"] = "smtp.example.com";
        parameters["smtpFromAddress"] = "soakline@example.com";
        parameters["smtpUserName"] = "soakline";
        parameters["smtpPassword"] = "smtp-password-deployedtest";
        parameters["apiKeys"] = "deployer=apikey-deployedtest-0123456789";
        parameters["publicBaseUrl"] = "https://soakline.example.com";
        parameters["policyStagingBranches"] = "develop";
        parameters["policyStagingHosts"] = "staging-1";
        parameters["policyProductionBranches"] = "main, hotfix/*";
        parameters["policyProductionHosts"] = "web-1, web-2";
        parameters["policyProductionApprovers"] = "lead@example.com";
        parameters["policyProductionProbeHosts"] = "shop.example.com";

        var deployment = Deploy(parameters);
        var start = Start(deployment);

        Assert.True(start.Problems.Count == 0, "The app would refuse to start: " + string.Join(" | ", start.Problems));
        Assert.Empty(start.Warnings);
        Assert.Equal(7, deployment.AppSettings.Values.Count(v => v.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)));
    }

    private FunctionAppDeployment Deploy(Dictionary<string, string> parameters) => FunctionAppDeployment.Evaluate(compiled.Template, parameters);

    /// <summary>
    /// The app's start-up checks on the deployed environment, as SoaklineServices runs them: its own settings
    /// (AppSettingsReader) and the adapters' sections, which read through the view without unresolved references.
    /// </summary>
    private static StartupCheck Start(FunctionAppDeployment deployment, IReadOnlyDictionary<string, string>? setInVaultDirectly = null)
    {
        var environment = deployment.AppSettings
            .Select(setting => KeyValuePair.Create(setting.Key, ResolveReference(setting.Value, deployment.VaultSecrets, setInVaultDirectly ?? new Dictionary<string, string>())))
            .Concat(SetByTheFunctionsHost)
            // Environment variables reach .NET configuration with "__" as the section separator.
            .ToDictionary(pair => pair.Key.Replace("__", ":", StringComparison.Ordinal), pair => (string?)pair.Value, StringComparer.OrdinalIgnoreCase);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();

        var adapterProblems = new ServiceCollection().AddSoaklineAdapters(ResolvedConfiguration.Of(configuration)).All;
        try
        {
            var settings = AppSettingsReader.Read(configuration);
            return new StartupCheck(adapterProblems, settings.Warnings);
        }
        catch (AppSettingsException ex)
        {
            return new StartupCheck([.. ex.Problems, .. adapterProblems], ex.Warnings);
        }
    }

    /// <summary>What App Service puts in the environment for a setting: a reference to an existing secret becomes its value.</summary>
    private static string ResolveReference(string value, IReadOnlyDictionary<string, string> written, IReadOnlyDictionary<string, string> setDirectly)
    {
        var reference = KeyVaultReference().Match(value);
        if (!reference.Success)
        {
            return value;
        }

        Assert.Equal(FunctionAppDeployment.ModuleOutputs["key-vault"]["keyVaultUri"], reference.Groups["vault"].Value);
        var name = reference.Groups["secret"].Value;
        return written.TryGetValue(name, out var secret) || setDirectly.TryGetValue(name, out secret) ? secret : value;
    }

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(SecretUri=(?<vault>https://[^/]+/)secrets/(?<secret>[a-z0-9-]+)\)$")]
    private static partial Regex KeyVaultReference();

    private sealed record StartupCheck(IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);
}
