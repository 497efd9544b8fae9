using System.Text.Json;
using Microsoft.DurableTask;
using Soakline.Functions.Scheduling;
using Soakline.Pipeline;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// What the Functions host is told. functions.metadata is written by the Worker SDK at build time (the project reference
/// copies it next to the tests); with worker indexing ("workerIndexing": "true" in worker.config.json) the host asks the
/// worker instead, which answers from the source-generated GeneratedFunctionMetadataProvider. Both must agree, and both
/// must keep the names, routes, methods and auth levels the custom handler's function.json files had.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    public static TheoryData<string, string, string?, string?, string?, string?> Expected => new()
    {
        // name, trigger, route, methods, authLevel, schedule
        { "Healthz", "httpTrigger", "healthz", "get", "Anonymous", null },
        { "GitHubWebhook", "httpTrigger", "api/github/webhook", "post", "Anonymous", null },
        { "Approvals", "httpTrigger", "approvals/{token}", "get,post", "Anonymous", null },
        { "PipelinesApi", "httpTrigger", "api/pipelines/{*path}", "get,post", "Function", null },
        { "EnvironmentsApi", "httpTrigger", "api/environments/{*path}", "post", "Function", null },
        { "MetricsApi", "httpTrigger", "api/metrics/{*path}", "get", "Function", null },
        { "Dashboard", "httpTrigger", "dashboard/{*path}", "get,post", "Function", null },
        { "MonitorTimer", "timerTrigger", null, null, null, "%MonitorSchedule%" },
        { "MonitorOffHoursTimer", "timerTrigger", null, null, null, "0 */15 * * * *" },
        { "WatchdogTimer", "timerTrigger", null, null, null, "%Soakline:Watchdog:Schedule%" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_function_has_its_trigger_route_methods_auth_level_and_schedule(string name, string trigger, string? route, string? methods, string? authLevel, string? schedule)
    {
        var function = Assert.Single(Functions, f => f.GetProperty("name").GetString() == name);
        var binding = Trigger(function);
        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        Assert.Equal(route, Optional(binding, "route"));
        Assert.Equal(authLevel, Optional(binding, "authLevel"));
        Assert.Equal(schedule, Optional(binding, "schedule"));
        Assert.Equal(methods, binding.TryGetProperty("methods", out var m) ? string.Join(',', m.EnumerateArray().Select(x => x.GetString())) : null);
    }

    [Fact]
    public void The_timer_schedules_are_the_ones_the_standalone_scheduler_fires()
    {
        foreach (var (function, schedule) in MonitorTimers.All)
        {
            Assert.Equal(schedule, Trigger(Assert.Single(Functions, f => f.GetProperty("name").GetString() == function)).GetProperty("schedule").GetString());
        }

        Assert.Equal(Soakline.Functions.Watchdog.WatchdogTimer.Schedule, Trigger(Assert.Single(Functions, f => f.GetProperty("name").GetString() == Soakline.Functions.Watchdog.WatchdogTimer.Function)).GetProperty("schedule").GetString());
    }

    [Fact]
    public void Every_class_based_task_has_a_function_of_its_name_and_nothing_else_is_published()
    {
        var expected = Expected.Select(row => (string)row[0])
            .Concat(PipelineRegistration.Orchestrators.Select(t => t.Name))
            .Concat(PipelineRegistration.Activities.Select(t => t.Name));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        foreach (var task in PipelineRegistration.Orchestrators.Concat(PipelineRegistration.Activities))
        {
            var function = Assert.Single(Functions, f => f.GetProperty("name").GetString() == task.Name);
            var expectedTrigger = typeof(ITaskOrchestrator).IsAssignableFrom(task) ? "orchestrationTrigger" : "activityTrigger";
            Assert.Equal(expectedTrigger, Trigger(function).GetProperty("type").GetString());
        }
    }

    [Fact]
    public void Only_functions_that_use_the_durable_client_bind_it()
    {
        var withClient = Functions
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient"))
            .Select(f => f.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["AcquireEnvironmentActivity", "Approvals", "Dashboard", "EnvironmentsApi", "GitHubWebhook", "MetricsApi", "MonitorOffHoursTimer", "MonitorTimer", "PipelinesApi", "WatchdogTimer"],
            withClient);
    }

    [Fact]
    public async Task The_worker_indexing_metadata_matches_the_file()
    {
        var generated = await new Soakline.Functions.GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory);
        foreach (var function in Functions)
        {
            var name = function.GetProperty("name").GetString();
            var fromWorker = Assert.Single(generated, g => g.Name == name);
            Assert.Equal(function.GetProperty("entryPoint").GetString(), fromWorker.EntryPoint);
            var fileTrigger = Trigger(function);
            var workerTrigger = fromWorker.RawBindings!.Select(b => JsonDocument.Parse(b).RootElement).Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            foreach (var property in new[] { "type", "route", "authLevel", "schedule" })
            {
                Assert.Equal(Optional(fileTrigger, property), Optional(workerTrigger, property));
            }
        }

        Assert.Equal(Functions.Length, generated.Length);
    }

    private static JsonElement Trigger(JsonElement function)
        => function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static string? Optional(JsonElement element, string property)
        => element.TryGetProperty(property, out var value) ? value.ToString() : null;

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Worker SDK writes it when Soakline.Functions builds.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
