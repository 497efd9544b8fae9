using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Adapters;
using Soakline.Functions.Configuration;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Configuration;

/// <summary>
/// What the app makes of a Key Vault reference the platform could not resolve (the setting still reads
/// <c>@Microsoft.KeyVault(...)</c>): an error for a required setting, an absent setting with a warning for an optional one.
/// </summary>
public sealed class KeyVaultReferenceSettingsTests
{
    private const string VaultUri = "https://kv-test.vault.azure.net/secrets/";

    private static string Unresolved(string secretName) => $"@Microsoft.KeyVault(SecretUri={VaultUri}{secretName})";

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static Dictionary<string, string?> UnderAzureFunctions()
    {
        var values = TestSettings.Defaults();
        values["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:7071/";
        return values;
    }

    private static AppSettingsException Refused(Dictionary<string, string?> values) =>
        Assert.Throws<AppSettingsException>(() => AppSettingsReader.Read(Configuration(values)));

    [Fact]
    public void Unresolved_required_settings_are_errors_that_say_the_reference_did_not_resolve_all_at_once()
    {
        var values = UnderAzureFunctions();
        values["Soakline:GitHub:WebhookSecret"] = Unresolved("github-webhook-secret");
        values["Soakline:Approvals:SigningKey"] = Unresolved("approvals-signing-key");
        values.Remove("Soakline:TaskHub");

        var refused = Refused(values);

        Assert.Equal(3, refused.Problems.Count);
        Assert.Contains(refused.Problems, p => p.StartsWith("Soakline__GitHub__WebhookSecret: the Key Vault reference did not resolve and the setting is required", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("Soakline__Approvals__SigningKey: the Key Vault reference did not resolve and the setting is required", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("Soakline__TaskHub is missing", StringComparison.Ordinal));
        Assert.DoesNotContain(VaultUri, refused.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Warnings);
    }

    [Fact]
    public void The_api_key_is_required_standalone_so_an_unresolved_one_is_an_error_there()
    {
        var values = TestSettings.Defaults();
        values["Soakline:ApiKeys"] = Unresolved("api-keys");

        var refused = Refused(values);

        Assert.StartsWith("Soakline__ApiKeys: the Key Vault reference did not resolve and the setting is required", Assert.Single(refused.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolved_optional_setting_counts_as_absent_with_a_warning_naming_it()
    {
        var values = UnderAzureFunctions();
        values["Soakline:ApiKeys"] = Unresolved("api-keys");
        values["APPLICATIONINSIGHTS_CONNECTION_STRING"] = Unresolved("appinsights");

        var settings = AppSettingsReader.Read(Configuration(values));

        Assert.True(settings.ApiKeys.IsEmpty);
        Assert.Null(settings.Telemetry.ApplicationInsightsConnectionString);
        Assert.Equal(2, settings.Warnings.Count);
        Assert.StartsWith("APPLICATIONINSIGHTS_CONNECTION_STRING: the Key Vault reference did not resolve, so the setting counts as absent", settings.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("Soakline__ApiKeys: the Key Vault reference did not resolve, so the setting counts as absent", settings.Warnings[1], StringComparison.Ordinal);
        Assert.All(settings.Warnings, warning => Assert.DoesNotContain(VaultUri, warning, StringComparison.Ordinal));
    }

    [Fact]
    public void Unresolved_settings_only_the_adapters_or_the_specs_secrets_read_are_warnings_too()
    {
        var values = UnderAzureFunctions();
        values["Soakline:Smtp:Password"] = Unresolved("smtp-password");
        values["Soakline:Secrets:database-url"] = Unresolved("database-url");

        var settings = AppSettingsReader.Read(Configuration(values));

        Assert.Equal(2, settings.Warnings.Count);
        Assert.StartsWith("Soakline__Secrets__database-url: the Key Vault reference did not resolve", settings.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("Soakline__Smtp__Password: the Key Vault reference did not resolve", settings.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_are_kept_when_other_settings_stop_the_start()
    {
        var values = UnderAzureFunctions();
        values["Soakline:GitHub:Token"] = Unresolved("github-token");
        values["MonitorSchedule"] = "every five minutes";

        var refused = Refused(values);

        Assert.Contains(refused.Problems, p => p.StartsWith("MonitorSchedule:", StringComparison.Ordinal));
        Assert.StartsWith("Soakline__GitHub__Token: the Key Vault reference did not resolve", Assert.Single(refused.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_without_unresolved_references_carry_no_warning()
    {
        var values = UnderAzureFunctions();
        values["Soakline:Smtp:Password"] = "an actual password";

        Assert.Empty(AppSettingsReader.Read(Configuration(values)).Warnings);
    }

    [Fact]
    public void The_resolved_view_leaves_out_unresolved_references_and_reads_everything_else_live()
    {
        var original = Configuration(new()
        {
            ["Soakline:GitHub:Token"] = Unresolved("github-token"),
            ["Soakline:GitHub:BaseUrl"] = "https://github.example/api/v3/",
            ["Soakline:Secrets:database-url"] = Unresolved("database-url"),
            ["Soakline:Secrets:chat-webhook"] = "https://chat.example/hook",
        });

        var resolved = ResolvedConfiguration.Of(original);

        Assert.Null(resolved["Soakline:GitHub:Token"]);
        Assert.Equal("https://github.example/api/v3/", resolved["Soakline:GitHub:BaseUrl"]);
        Assert.Equal(["chat-webhook"], resolved.GetSection("Soakline:Secrets").GetChildren().Select(c => c.Key));
        Assert.Equal(["BaseUrl"], resolved.GetSection("Soakline:GitHub").GetChildren().Select(c => c.Key));

        original["Soakline:GitHub:Token"] = "ghp_resolvedlater";
        Assert.Equal("ghp_resolvedlater", resolved["Soakline:GitHub:Token"]);
    }

    [Fact]
    public void The_adapters_see_an_unresolved_github_token_as_no_github_configuration()
    {
        var configuration = Configuration(new() { ["Soakline:GitHub:Token"] = Unresolved("github-token") });
        var asItIs = new ServiceCollection();
        var throughTheView = new ServiceCollection();

        asItIs.AddSoaklineAdapters(configuration);
        var problems = throughTheView.AddSoaklineAdapters(ResolvedConfiguration.Of(configuration));

        // Read as it is, the reference text would become the GitHub token; through the view GitHub is not configured.
        Assert.Contains(asItIs, d => d.ServiceType == typeof(Pipeline.Ports.ISourceControl) && d.ImplementationType != typeof(UnconfiguredSourceControl));
        Assert.Contains(throughTheView, d => d.ServiceType == typeof(Pipeline.Ports.ISourceControl) && d.ImplementationType == typeof(UnconfiguredSourceControl));
        Assert.Empty(problems.All);
    }

    [Fact]
    public async Task The_app_starts_and_logs_the_warning_by_name_without_the_reference()
    {
        await using var app = new SoaklineAppFactory().AsFunctionsWorker().With("Soakline__Smtp__Password", Unresolved("smtp-password"));

        using var response = await app.CreateClient().GetAsync("/dashboard");

        var warning = Assert.Single(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Soakline__Smtp__Password", StringComparison.Ordinal));
        Assert.Contains("the Key Vault reference did not resolve, so the setting counts as absent", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(VaultUri, app.Logs.All, StringComparison.Ordinal);
    }
}
