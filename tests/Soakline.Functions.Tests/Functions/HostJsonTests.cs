using System.Text.Json;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// host.json as the build copies it next to the app (from the repository root): the Durable Functions settings that
/// docs/deploy-azure.md and docs/operations.md promise, and nothing left from the custom handler.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json"))).RootElement;
    private static readonly JsonElement Durable = Root.GetProperty("extensions").GetProperty("durableTask");

    private static string Docs(string name) => File.ReadAllText(Path.Combine(Configuration.SettingsDocumentationTests.Root, "docs", name));

    [Fact]
    public void The_task_hub_is_named_by_the_app_setting_both_modes_use()
    {
        Assert.Equal("%" + SettingNames.ToConfigurationKey(SettingNames.TaskHub) + "%", Durable.GetProperty("hubName").GetString());
        Assert.Contains($"`{SettingNames.TaskHub}`", Docs("deploy-azure.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Durable_functions_use_the_azure_storage_provider_on_the_identity_based_host_storage_connection()
    {
        var provider = Durable.GetProperty("storageProvider");
        Assert.Equal("AzureStorage", provider.GetProperty("type").GetString());
        Assert.Equal("AzureWebJobsStorage", provider.GetProperty("connectionName").GetString());
        foreach (var setting in new[] { "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId" })
        {
            Assert.Contains(setting, Docs("deploy-azure.md"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Starting_a_running_instance_again_is_refused_as_standalone()
    {
        Assert.Equal("NonRunningStates", Durable.GetProperty("overridableExistingInstanceStates").GetString());
        Assert.Contains("NonRunningStates", Docs("operations.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Payloads_stay_out_of_the_logs_and_traces_are_distributed()
    {
        var tracing = Durable.GetProperty("tracing");
        Assert.False(tracing.GetProperty("traceInputsAndOutputs").GetBoolean());
        Assert.False(tracing.GetProperty("traceReplayEvents").GetBoolean());
        Assert.True(tracing.GetProperty("distributedTracingEnabled").GetBoolean());
        Assert.Equal("V2", tracing.GetProperty("version").GetString());
    }

    [Fact]
    public void Routes_have_no_prefix_and_extensions_come_from_the_build_not_a_bundle()
    {
        Assert.Equal(string.Empty, Root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(Root.TryGetProperty("extensionBundle", out _), "dotnet-isolated apps ship their extensions in .azurefunctions/; a bundle is for other languages.");
        Assert.False(Root.TryGetProperty("customHandler", out _));
    }

    [Fact]
    public void The_durable_management_api_is_documented_as_system_key_only()
    {
        var operations = Docs("operations.md");
        Assert.Contains("/runtime/webhooks/durabletask", operations, StringComparison.Ordinal);
        Assert.Contains("durabletask_extension", operations, StringComparison.Ordinal);
    }
}
