using System.Text.Json;

namespace Soakline.Cli.Tests.Infrastructure;

/// <summary>
/// The app's API documents as the app writes them (System.Text.Json web defaults; CheckStatus as a number, TimeSpan
/// as "hh:mm:ss"), built from the fields a test cares about.
/// </summary>
internal static class ApiJson
{
    public const string Id = "release:demo:shop:main:0123456789abcdef0123456789abcdef01234567";
    public static readonly DateTimeOffset Created = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static object Status(string stage, string? environment = null, string? release = null, int traffic = 0, string? soak = null, string? detail = null, object[]? checks = null, string? lastAnalysis = null, bool? healthy = null, int? requested = null, string? serving = null) =>
        new { stage, environment, release, trafficPercent = traffic, soakRemaining = soak, lastAnalysis, lastAnalysisHealthy = healthy, detail, lastChecks = checks, requestedPercent = requested, serving };

    /// <summary>A check as the app serializes CheckOutcome: status 0 pass, 1 breach, 2 no data, 3 unhealthy, 4 judged worse; dryRun for a dry-run metric.</summary>
    public static object Check(string name, int status, double? value, double? limit, double? baseline = null, string detail = "", bool dryRun = false, object? judge = null) =>
        new { name, status, value, baseline, limit, detail, dryRun, passed = status == 0, judge };

    /// <summary>A judge verdict as the app serializes JudgeVerdict: decision 0 pass, 1 canary worse, 2 no data.</summary>
    public static object Judge(int decision, int canary, int baseline, double? p = null, double? shift = null, double? effect = null) =>
        new { decision, canaryCount = canary, baselineCount = baseline, minSamples = 20, alpha = 0.01, minEffect = 0.1, u = 3000.0, pValue = p, shift, effect };

    public static object Summary(string id, string runtimeStatus, object? status, string orchestrator = "ReleaseOrchestrator", object? input = null, object? outcome = null, object? stuck = null) =>
        new { id, orchestrator, runtimeStatus, createdAt = Created, lastUpdatedAt = Created.AddMinutes(1), status, input, outcome, stuck };

    /// <summary>The API's <c>stuck</c> on a pipeline the watchdog found stuck.</summary>
    public static object Stuck(string reason, int minute = 4) =>
        new { since = Created.AddMinutes(minute), reason, instanceId = Id + ":production", detectedAt = Created.AddMinutes(minute + 1), incident = "https://github.com/demo/ops/issues/7" };

    public static object Push(string repository = "demo/shop", string branch = "main", string sha = "0123456789abcdef0123456789abcdef01234567") =>
        new { repository = new { owner = repository.Split('/')[0], name = repository.Split('/')[1] }, branch, sha, committedAt = Created, author = "dev", message = "change" };

    public static object Entry(string kind, string environment, string detail, string? actor = null, int minute = 0) =>
        new { at = Created.AddMinutes(minute), kind, environment, detail, actor, release = (string?)null };

    /// <summary>A pipeline with its production run in the given state and the given timeline.</summary>
    public static string Detail(string runtimeStatus, object pipelineStatus, object? productionStatus = null, string productionRuntime = "Running", params object[] timeline) =>
        DetailWithOutcome(runtimeStatus, pipelineStatus, null, productionStatus, productionRuntime, timeline);

    private static string DetailWithOutcome(string runtimeStatus, object pipelineStatus, object? outcome, object? productionStatus, string productionRuntime, object[] timeline)
    {
        var runs = productionStatus is null ? Array.Empty<object>() : [Summary(Id + ":production", productionRuntime, productionStatus, "ProductionOrchestrator")];
        return Serialize(new { pipeline = Summary(Id, runtimeStatus, pipelineStatus, input: Push(), outcome: outcome), environmentRuns = runs, timeline });
    }

    /// <summary>
    /// A pipeline that ended as the app reports it: the typed outcome (Crashed for an orchestration the engine failed,
    /// Terminated for one an operator stopped) and the release orchestrator's final status: where it ended, "Outcome: why".
    /// </summary>
    public static string Ended(string outcome, string why, string runtimeStatus = "Completed")
    {
        var (stage, traffic) = FinalStage(outcome);
        return DetailWithOutcome(
            runtimeStatus,
            Status(stage, "production", traffic: traffic, detail: $"{outcome}: {why}"),
            new { status = runtimeStatus switch { "Failed" => "Crashed", "Terminated" => "Terminated", _ => outcome }, reason = why },
            Status(stage, "production", traffic: traffic),
            runtimeStatus,
            [Entry("PipelineCompleted", "production", $"{outcome}: {why}", minute: 9)]);
    }

    /// <summary>The same ending from an app older than the typed outcome: only the final status says how it ended.</summary>
    public static string EndedWithoutOutcome(string outcome, string why, string runtimeStatus = "Completed")
    {
        var (stage, traffic) = FinalStage(outcome);
        return Detail(runtimeStatus, Status(stage, "production", traffic: traffic, detail: $"{outcome}: {why}"), Status(stage, "production", traffic: traffic), runtimeStatus,
            Entry("PipelineCompleted", "production", $"{outcome}: {why}", minute: 9));
    }

    private static (string Stage, int Traffic) FinalStage(string outcome) =>
        outcome == "RolledBack" ? ("rolled-back", 0) : ("released", 100);

    /// <summary>A rollback's own instance, ended with a RollbackStatus.</summary>
    public static string RollbackEnded(string status, string why) =>
        Serialize(new { pipeline = Summary("rollback:production:1", "Completed", Status("completed", "production", detail: why), "RollbackOrchestrator", outcome: new { status, reason = why }), environmentRuns = Array.Empty<object>(), timeline = Array.Empty<object>() });

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Web);
}
