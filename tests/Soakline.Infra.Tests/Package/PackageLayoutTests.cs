using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NCrontab;
using Soakline.Infra.Tests.Bicep;
using Soakline.Infra.Tests.Templates;

namespace Soakline.Infra.Tests.Package;

/// <summary>
/// The package `azd up` deploys holds exactly what host.json and the function.json files name: the executable, one
/// folder per function, and bindings that point at settings the deployment provides.
/// </summary>
[Collection(BuiltPackageCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // The package is a linux-x64 build.
public sealed partial class PackageLayoutTests(BuiltPackage package, CompiledMainTemplate compiled)
{
    private static readonly string SourceFunctions = Path.Combine(RepositoryPaths.Root, "src", "Soakline.Functions", "functions");

    private JsonObject HostJson => JsonNode.Parse(File.ReadAllText(Path.Combine(package.Folder, "host.json")))!.AsObject();

    [Fact]
    public void The_package_carries_the_repository_host_json()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(package.Folder, "host.json")));
    }

    [Fact]
    public void The_executable_host_json_names_is_an_executable_linux_program_in_the_package()
    {
        var description = HostJson["customHandler"]!["description"]!;
        var executable = Path.Combine(package.Folder, (string)description["defaultExecutablePath"]!);
        var workingDirectory = (string?)description["workingDirectory"] ?? "";

        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable");
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(executable)[..4]);
        Assert.True(workingDirectory.Length == 0 || Directory.Exists(Path.Combine(package.Folder, workingDirectory)), $"working directory '{workingDirectory}' is missing");
        Assert.False((bool?)HostJson["customHandler"]!["enableForwardingHttpRequest"] ?? false, "the handler answers invocation payloads, so requests must not be forwarded raw");
    }

    [Fact]
    public void The_package_has_exactly_the_source_function_folders_with_their_function_json()
    {
        var source = FunctionFolder.ReadAll(SourceFunctions);
        var packaged = FunctionFolder.ReadAll(package.Folder);
        var nested = Directory.GetFiles(package.Folder, "function.json", SearchOption.AllDirectories)
            .Where(path => Path.GetDirectoryName(Path.GetDirectoryName(path)) != package.Folder)
            .ToList();

        Assert.NotEmpty(source);
        Assert.Equal(source.Select(f => f.Name), packaged.Select(f => f.Name));
        Assert.All(source, f => Assert.Equal(
            File.ReadAllText(Path.Combine(SourceFunctions, f.Name, "function.json")),
            File.ReadAllText(Path.Combine(package.Folder, f.Name, "function.json"))));
        Assert.Empty(nested);
    }

    [Fact]
    public void Every_function_has_one_trigger_and_http_functions_answer_through_res()
    {
        foreach (var function in FunctionFolder.ReadAll(package.Folder))
        {
            var trigger = Assert.Single(function.Triggers);
            if ((string?)trigger["type"] == "httpTrigger")
            {
                Assert.False(string.IsNullOrEmpty((string?)trigger["route"]), $"{function.Name}: an HTTP trigger needs a route (routePrefix is empty)");
                Assert.Contains((string?)trigger["authLevel"], new[] { "anonymous", "function" });
                Assert.Contains(function.Bindings, b => (string?)b["type"] == "http" && (string?)b["direction"] == "out" && (string?)b["name"] == "res");
            }
        }
    }

    [Fact]
    public void No_function_is_queue_triggered_the_durable_engine_polls_its_own_queues()
    {
        var queueTriggered = FunctionFolder.ReadAll(package.Folder)
            .Where(f => f.Triggers.Any(t => (string?)t["type"] == "queueTrigger"))
            .Select(f => f.Name)
            .ToList();

        Assert.Empty(queueTriggered);
    }

    [Fact]
    public void Every_setting_a_binding_names_is_provided_by_the_deployment_and_the_sample_settings()
    {
        // The settings a deployment has with nothing optional supplied.
        var deployed = FunctionAppDeployment.Evaluate(compiled.Template, FunctionAppDeployment.RequiredParameters())
            .AppSettings.Keys.ToHashSet(StringComparer.Ordinal);
        var referenced = FunctionFolder.ReadAll(package.Folder)
            .SelectMany(f => f.Bindings)
            .SelectMany(b => b.Select(p => p.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)p.Value! : ""))
            .SelectMany(value => SettingReference().Matches(value).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var connections = FunctionFolder.ReadAll(package.Folder)
            .SelectMany(f => f.Bindings)
            .Select(b => (string?)b["connection"])
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, setting =>
        {
            Assert.Contains(ToAppSettingName(setting), deployed);
            Assert.NotNull(SampleValue(setting));
        });
        Assert.All(connections, connection =>
        {
            // An identity-based connection is a group of settings under the name (AzureWebJobsStorage__accountName).
            Assert.Contains(deployed, name => name == connection || name.StartsWith(connection + "__", StringComparison.Ordinal));
            Assert.NotNull(SampleValue(connection));
        });
    }

    [Fact]
    public void Timer_schedules_are_valid_six_field_ncrontab_expressions()
    {
        var schedules = FunctionFolder.ReadAll(package.Folder)
            .SelectMany(f => f.Triggers)
            .Where(t => (string?)t["type"] == "timerTrigger")
            .Select(t => Resolve((string)t["schedule"]!))
            .ToList();

        Assert.NotEmpty(schedules);
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
