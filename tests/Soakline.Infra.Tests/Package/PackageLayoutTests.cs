using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NCrontab;
using Soakline.Infra.Tests.Bicep;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests.Package;

/// <summary>
/// The package `azd up` deploys is what Flex Consumption runs for dotnet-isolated: the Worker SDK's files at the root,
/// the app built for linux-x64, and bindings and host.json that name only settings the deployment provides.
/// </summary>
[Collection(BuiltPackageCollection.Name)]
public sealed partial class PackageLayoutTests(BuiltPackage package, CompiledMainTemplate compiled)
{
    private JsonObject HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")))!.AsObject();

    [Fact]
    public void The_package_carries_the_repository_host_json()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(package.Folder, "host.json")));
    }

    [Fact]
    public void The_worker_files_the_host_reads_are_at_the_root()
    {
        foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "Soakline.Functions.dll" })
        {
            Assert.True(File.Exists(Path.Combine(package.Folder, file)), $"{file} is missing from the package");
        }

        Assert.True(Directory.Exists(Path.Combine(package.Folder, ".azurefunctions")), ".azurefunctions/ (the host-side extensions) is missing");
        Assert.True(File.Exists(Path.Combine(package.Folder, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.DurableTask.dll")), "the Durable Functions host extension is missing");
        Assert.Empty(Directory.GetFiles(package.Folder, "function.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_worker_config_starts_the_framework_dependent_app_with_worker_indexing()
    {
        var description = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "worker.config.json")))!["description"]!;

        Assert.Equal("dotnet-isolated", (string?)description["language"]);
        Assert.Equal("dotnet", (string?)description["defaultExecutablePath"]);
        Assert.Equal("Soakline.Functions.dll", (string?)description["defaultWorkerPath"]);
        Assert.Equal("true", (string?)description["workerIndexing"]);
    }

    [Fact]
    public void The_app_is_built_ready_to_run_for_linux_x64_as_flex_consumption_runs_it()
    {
        using var stream = File.OpenRead(Path.Combine(package.Folder, "Soakline.Functions.dll"));
        using var reader = new PEReader(stream);
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "Soakline.Functions.deps.json")))!;

        Assert.True(reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "Soakline.Functions.dll has no ReadyToRun code");
        // ReadyToRun code compiled for Linux marks the image's machine as the target's XOR 0x7B79.
        Assert.Equal((ushort)Machine.Amd64 ^ 0x7B79, (int)(ushort)reader.PEHeaders.CoffHeader.Machine);
        Assert.Equal(".NETCoreApp,Version=v10.0/linux-x64", (string?)deps["runtimeTarget"]!["name"]);
        Assert.False(File.Exists(Path.Combine(package.Folder, "libcoreclr.so")), "the package is framework-dependent: Flex provides the runtime");
    }

    [Fact]
    public void Http_functions_have_routes_under_the_empty_prefix_and_a_known_auth_level()
    {
        Assert.Equal("", (string?)HostJson["extensions"]!["http"]!["routePrefix"]);
        var http = PublishedFunction.ReadAll(package.Folder).Where(f => (string?)f.Trigger["type"] == "httpTrigger").ToList();

        Assert.NotEmpty(http);
        Assert.All(http, function =>
        {
            Assert.False(string.IsNullOrEmpty((string?)function.Trigger["route"]), $"{function.Name}: an HTTP trigger needs a route");
            Assert.Contains((string?)function.Trigger["authLevel"], new[] { "Anonymous", "Function" });
        });
    }

    [Fact]
    public void Every_setting_the_metadata_or_host_json_names_is_provided_by_the_deployment_and_the_sample_settings()
    {
        // The settings a deployment has with nothing optional supplied.
        var deployed = FunctionAppDeployment.Evaluate(compiled.Template, FunctionAppDeployment.RequiredParameters())
            .AppSettings.Keys.ToHashSet(StringComparer.Ordinal);
        var referenced = new[] { "functions.metadata", "host.json" }
            .SelectMany(file => SettingReference().Matches(File.ReadAllText(Path.Combine(package.Folder, file))).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["MonitorSchedule", "Soakline:TaskHub", "Soakline:Watchdog:Schedule"], referenced.Order(StringComparer.Ordinal));
        Assert.All(referenced, setting =>
        {
            Assert.Contains(ToAppSettingName(setting), deployed);
            Assert.NotNull(SampleValue(setting));
        });
    }

    [Fact]
    public void The_durable_storage_connection_is_the_identity_based_host_storage_the_deployment_configures()
    {
        var deployed = FunctionAppDeployment.Evaluate(compiled.Template, FunctionAppDeployment.RequiredParameters()).AppSettings;
        var connection = (string)HostJson["extensions"]!["durableTask"]!["storageProvider"]!["connectionName"]!;

        Assert.Equal("AzureWebJobsStorage", connection);
        Assert.DoesNotContain(connection, deployed.Keys);
        Assert.Contains(connection + "__accountName", deployed.Keys);
        Assert.Equal("managedidentity", deployed[connection + "__credential"]);
        Assert.Contains(connection + "__clientId", deployed.Keys);
    }

    [Fact]
    public void Timer_schedules_are_valid_six_field_ncrontab_expressions()
    {
        var schedules = PublishedFunction.ReadAll(package.Folder)
            .Where(f => (string?)f.Trigger["type"] == "timerTrigger")
            .Select(f => Resolve((string)f.Trigger["schedule"]!))
            .ToList();

        Assert.Equal(3, schedules.Count);
        Assert.All(schedules, schedule => Assert.NotNull(CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true })));
    }

    private static string ToAppSettingName(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    private static string? SampleValue(string setting)
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        return values.TryGetPropertyValue(ToAppSettingName(setting), out var value) ? (string?)value : null;
    }

    private static string SampleSetting(string setting) =>
        SampleValue(setting) ?? throw new InvalidOperationException($"local.settings.sample.json does not set {ToAppSettingName(setting)}.");

    private static string Resolve(string value) => SettingReference().Replace(value, m => SampleSetting(m.Groups[1].Value));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
