using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Tests.Configuration;

/// <summary>
/// Every setting the app reads is in local.settings.sample.json and docs/operations.md, and every app setting a
/// functions.metadata or host.json refers to (<c>%name%</c>) is one the app knows and the Bicep sets.
/// </summary>
public sealed partial class SettingsDocumentationTests
{
    internal static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }

    private static IEnumerable<string> AppSettings() => typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(name => name is not (SettingNames.FunctionsHostEndpoint or SettingNames.AppServiceAuthEnabled));

    [Fact]
    public void The_sample_settings_file_lists_every_setting_the_app_reads()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        var listed = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.All(AppSettings(), name => Assert.Contains(name, listed));
    }

    [Fact]
    public void Operations_docs_describe_every_setting_the_app_reads()
    {
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));

        Assert.All(AppSettings().Append(SettingNames.FunctionsHostEndpoint).Append(SettingNames.AppServiceAuthEnabled), name => Assert.Contains($"`{name}`", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_app_setting_the_function_metadata_or_host_json_names_is_known_to_the_app_and_set_by_the_bicep()
    {
        var bicep = File.ReadAllText(Path.Combine(Root, "infra", "modules", "function-app.bicep"));
        var referenced = new[] { "functions.metadata", "host.json" }
            .SelectMany(file => Reference().Matches(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file))).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        // host.json names the Durable Functions hub after the same setting the standalone engine uses.
        Assert.Equal(["MonitorSchedule", "Soakline:TaskHub", "Soakline:Watchdog:Schedule"], referenced.Order(StringComparer.Ordinal));
        foreach (var name in referenced.Select(r => r.Replace(":", "__", StringComparison.Ordinal)))
        {
            Assert.Contains(name, AppSettings());
            Assert.Contains($"'{name}'", bicep, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Reference();
}
