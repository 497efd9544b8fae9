using Soakline.Durable;
using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Soaks one stage: every analysis interval (a durable timer, so fake time drives it in tests) one analysis runs as a
/// sub-orchestration; <c>failureLimit</c> consecutive failures abort, and so does ending the soak without a healthy
/// last analysis. Between analyses the pipeline listens for an <see cref="AbortEventName"/> event (emergency rollback
/// with scope canary).
/// </summary>
internal sealed class SoakMonitor(PipelineSteps steps, AnalysisSpec analysis, ReleaseId canary, ReleaseId stable, IReadOnlyList<HealthCheckRequest> probes)
{
    public const string AbortEventName = "abort";

    /// <summary>Null when the stage may be promoted; otherwise the reason to roll back.</summary>
    public async Task<Abort?> SoakAsync(TimeSpan soak)
    {
        var end = steps.Now + soak;
        var streak = FailureStreak.Start(analysis.FailureLimit);
        AnalysisResult? last = null;
        while (steps.Now < end)
        {
            var remaining = end - steps.Now;
            steps.Status(s => s with { SoakRemaining = remaining });
            var wait = remaining < analysis.Interval ? remaining : analysis.Interval;
            try
            {
                var abort = await steps.Context.WaitForExternalEvent<AbortRequest>(AbortEventName, wait);
                return new Abort(TransitionKind.RollbackStarted, $"aborted by {abort.RequestedBy}: {abort.Reason}", abort.RequestedBy);
            }
            catch (TaskCanceledException)
            {
                // The interval passed without an abort: time for the next analysis.
            }

            last = await steps.Context.CallSubOrchestratorAsync<AnalysisResult>(
                nameof(SoakAnalysisOrchestrator),
                new AnalysisRequest(analysis.Metrics, probes, canary, stable));
            streak = streak.After(last);
            var current = last;
            steps.Status(s => s with { SoakRemaining = end - steps.Now, LastAnalysis = current.Summary, LastAnalysisHealthy = current.Healthy });
            if (streak.LimitReached)
            {
                return new Abort(TransitionKind.Breached, $"{streak.Count} consecutive failing analyses (limit {streak.Limit}): {current.Summary}", "analysis");
            }
        }

        return last is { Healthy: true }
            ? null
            : new Abort(TransitionKind.Breached, $"stage ended without a healthy analysis: {last?.Summary ?? "no analysis ran"}", "analysis");
    }
}
