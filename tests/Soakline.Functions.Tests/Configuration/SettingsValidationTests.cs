using Microsoft.Extensions.Configuration;
using Soakline.Functions.Configuration;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Configuration;

public sealed class SettingsValidationTests
{
    private static AppSettings Read(Dictionary<string, string?> values) =>
        AppSettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    private static string Problems(Dictionary<string, string?> values) => Assert.Throws<AppSettingsException>(() => Read(values)).Message;

    [Fact]
    public void Valid_standalone_settings_are_read_with_defaults()
    {
        var settings = Read(TestSettings.Defaults());

        Assert.Equal(HostingMode.Standalone, settings.Mode);
        Assert.Equal("soaklinetest", settings.TaskHub);
        Assert.Equal(AppSettings.DefaultWebhookMaxBodyBytes, settings.WebhookMaxBodyBytes);
        Assert.Equal("0 */5 8-18 * * 1-5", settings.MonitorSchedule);
        Assert.DoesNotContain(TestSettings.ApiKey, settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_required_setting_is_named_at_once()
    {
        var message = Problems([]);

        Assert.Contains("Soakline__TaskHub is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__GitHub__WebhookSecret is missing", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__Approvals__SigningKey is missing", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Soakline:TaskHub", "soak-line", "Soakline__TaskHub 'soak-line' is not a task hub name")]
    [InlineData("MonitorSchedule", "every 5 minutes", "MonitorSchedule: 'every 5 minutes' is not an NCRONTAB expression")]
    [InlineData("MonitorSchedule", "0 */5 8-25 * * 1-5", "MonitorSchedule: '0 */5 8-25 * * 1-5' is not a valid NCRONTAB expression")]
    [InlineData("Soakline:GitHub:WebhookMaxBodyBytes", "lots", "Soakline__GitHub__WebhookMaxBodyBytes must be a whole number of bytes")]
    [InlineData("Soakline:Approvals:SigningKey", "not base64!", "Soakline__Approvals__SigningKey is not valid base64")]
    [InlineData("Soakline:Approvals:SigningKey", "c2hvcnQ=", "Soakline__Approvals__SigningKey decodes to 5 bytes")]
    [InlineData("Soakline:Monitoring:Repository", "acme", "Soakline__Monitoring__Repository: Repository 'acme' is not of the form 'owner/name'")]
    [InlineData("Soakline:Monitoring:SpecPath", "/nonexistent/spec.yml", "Soakline__Monitoring__SpecPath: the file '/nonexistent/spec.yml' does not exist")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317", "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "nonsense", "APPLICATIONINSIGHTS_CONNECTION_STRING is not an Application Insights connection string")]
    [InlineData("Soakline:Telemetry:Console", "yes", "Soakline__Telemetry__Console must be true or false")]
    public void A_malformed_setting_is_named_with_what_is_wrong(string key, string value, string expected)
    {
        var values = TestSettings.Defaults();
        values[key] = value;

        Assert.Contains(expected, Problems(values), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unresolved_key_vault_reference_is_named_without_its_text()
    {
        var values = TestSettings.Defaults();
        values["Soakline:GitHub:WebhookSecret"] = "@Microsoft.KeyVault(SecretUri=https://kv-x.vault.azure.net/secrets/github-webhook-secret/)";

        var message = Problems(values);

        Assert.Contains("Soakline__GitHub__WebhookSecret: the Key Vault reference did not resolve", message, StringComparison.Ordinal);
        Assert.DoesNotContain("SecretUri", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Soakline:GitHub:WebhookSecret", "hunter2", "Soakline__GitHub__WebhookSecret is too short")]
    [InlineData("Soakline:ApiKey", "apikey-OLD-0123456789abcdef", "Soakline__ApiKey is no longer read: move the key into Soakline__ApiKeys")]
    public void A_bad_secret_is_named_but_never_echoed(string key, string secret, string expected)
    {
        var values = TestSettings.Defaults();
        values[key] = secret;

        var message = Problems(values);

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_api_keys_are_read_by_name_and_shown_without_their_keys()
    {
        var settings = Read(TestSettings.Defaults());

        Assert.Equal([TestSettings.ApiKeyName, TestSettings.OtherKeyName], settings.ApiKeys.Names);
        Assert.Equal(TestSettings.ApiKeyName, settings.ApiKeys.Match(TestSettings.ApiKey)!.Name);
        Assert.Equal(TestSettings.OtherKeyName, settings.ApiKeys.Match(TestSettings.OtherKey)!.Name);
        Assert.Null(settings.ApiKeys.Match("apikey-TEST-0b9d8c7e6f5a4b3"));
        Assert.DoesNotContain(TestSettings.ApiKey, settings.ApiKeys.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_api_key_entry_is_named_at_once_by_its_name_and_no_key_is_echoed()
    {
        var values = TestSettings.Defaults();
        values["Soakline:ApiKeys"] = "ci-bot=hunter2; lead@example.com=apikey-first-0123456789; LEAD@example.com=apikey-second-0123456789; "
            + "apikey-without-a-name-0123456789; =apikey-nameless-0123456789; ops=apikey-first-0123456789; two words=apikey-spaced-0123456789";

        var message = Problems(values);

        Assert.Contains("Soakline__ApiKeys: the key named 'ci-bot' is too short", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys: the name 'LEAD@example.com' is used more than once", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys: entry 4 of 7 is not name=key", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys: entry 5 of 7 has no name", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys: the keys named 'lead@example.com' and 'ops' are the same", message, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys: the name 'two words' may not contain spaces", message, StringComparison.Ordinal);
        foreach (var key in new[] { "hunter2", "apikey-first", "apikey-second", "apikey-without", "apikey-nameless", "apikey-spaced" })
        {
            Assert.DoesNotContain(key, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Under_azure_functions_the_api_key_is_optional()
    {
        var values = TestSettings.Defaults();
        values["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:7071/";
        values.Remove("Soakline:ApiKeys");

        Assert.Equal(HostingMode.FunctionsWorker, Read(values).Mode);
        Assert.True(Read(values).ApiKeys.IsEmpty);

        values.Remove("Functions:Worker:HostEndpoint");
        Assert.Contains(SettingNames.ApiKeys, Problems(values), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "True", true)]
    [InlineData(true, "false", false)]
    [InlineData(true, null, false)]
    [InlineData(false, "True", false)]
    public void App_service_principal_headers_are_trusted_only_under_azure_functions_with_app_service_authentication_on(bool azure, string? authEnabled, bool trusted)
    {
        var values = TestSettings.Defaults();
        values["Functions:Worker:HostEndpoint"] = azure ? "http://127.0.0.1:7071/" : null;
        values["WEBSITE_AUTH_ENABLED"] = authEnabled;

        Assert.Equal(trusted, Read(values).AppServiceAuthentication);
    }

    [Fact]
    public async Task The_executable_refuses_to_start_names_the_bad_settings_and_exits_2()
    {
        var (exitCode, output) = await RunExecutableAsync(new Dictionary<string, string>
        {
            ["Soakline__TaskHub"] = "soakline",
            ["Soakline__ApiKeys"] = TestSettings.ApiKeys,
            ["Soakline__Approvals__SigningKey"] = "c2hvcnQ=",
            ["MonitorSchedule"] = "every five minutes",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("Soakline__GitHub__WebhookSecret is missing", output, StringComparison.Ordinal);
        Assert.Contains("Soakline__Approvals__SigningKey decodes to 5 bytes", output, StringComparison.Ordinal);
        Assert.Contains("MonitorSchedule: 'every five minutes' is not an NCRONTAB expression", output, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", output, StringComparison.Ordinal);

        // Only the list: each problem once, no host "failed to start" log with its stack trace.
        Assert.Single(output.Split('\n'), l => l.Contains("Soakline__GitHub__WebhookSecret is missing", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_source_control_and_with_mail_but_no_smtp_server_the_executable_lists_both_once_and_exits_2()
    {
        var values = DefaultsAsEnvironment();
        values["Soakline__ApprovalMail__PublicBaseUrl"] = "https://soakline.example.net/";

        var (exitCode, output) = await RunExecutableAsync(values);

        Assert.Equal(2, exitCode);
        var sourceControl = Assert.Single(output.Split('\n'), l => l.Contains("no source control is configured", StringComparison.Ordinal));
        Assert.Contains("Soakline__GitHub__Token", sourceControl, StringComparison.Ordinal);
        Assert.Contains("Soakline__LocalGit__Repositories__<owner>/<name>=<path of the clone>", sourceControl, StringComparison.Ordinal);
        var mail = Assert.Single(output.Split('\n'), l => l.Contains("approval mail is configured (Soakline__ApprovalMail__PublicBaseUrl) but no SMTP server", StringComparison.Ordinal));
        Assert.StartsWith("  - Soakline__Smtp__Host:", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSettings.ApiKey, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clone_that_is_not_a_git_repository_stops_the_executable_naming_its_setting()
    {
        var values = DefaultsAsEnvironment();
        values["Soakline__LocalGit__Repositories__acme/shop"] = "/nonexistent/soakline-clone";

        var (exitCode, output) = await RunExecutableAsync(values);

        Assert.Equal(2, exitCode);
        Assert.Single(output.Split('\n'), l => l.Contains("Soakline__LocalGit__Repositories__acme/shop: '/nonexistent/soakline-clone' does not exist", StringComparison.Ordinal));

        // A clone is source control, even a broken one: the list does not also claim none is configured.
        Assert.DoesNotContain("no source control is configured", output, StringComparison.Ordinal);
    }

    /// <summary>The test settings as environment variables (<c>Soakline__TaskHub</c>).</summary>
    private static Dictionary<string, string> DefaultsAsEnvironment() =>
        TestSettings.Defaults().Where(v => v.Value is not null).ToDictionary(v => v.Key.Replace(":", "__", StringComparison.Ordinal), v => v.Value!);

    /// <summary>Runs the app's executable with exactly these settings (none inherited) and returns its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> RunExecutableAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Soakline.Functions.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Soakline", StringComparison.OrdinalIgnoreCase) || k.StartsWith("FUNCTIONS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr + await stdout);
    }
}
