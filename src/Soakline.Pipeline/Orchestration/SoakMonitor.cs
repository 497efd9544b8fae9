using Microsoft.DurableTask;
using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Soaks one stage: every analysis interval (a durable timer, so fake time drives it in tests) one analysis runs as a
/// sub-orchestration; <c>failureLimit</c> consecutive failures abort, and so does ending the soak without a healthy
/// last analysis. Between analyses the pipeline listens for an <see cref="AbortEventName"/> event (emergency rollback
/// with scope canary). After <see cref="AnalysesPerExecution"/> analyses it pauses so the orchestrator can continue as new.
/// </summary>
/// <param name="stageIndex">The stage being soaked (0 for the first), part of each analysis's instance id.</param>
internal sealed class SoakMonitor(PipelineSteps steps, AnalysisSpec analysis, ReleaseId canary, ReleaseId stable, IReadOnlyList<HealthCheckRequest> probes, int stageIndex)
{
    public const string AbortEventName = PipelineEvents.Abort;

    /// <summary>Analyses per orchestration execution; bounds the history each replay reads.</summary>
    public const int AnalysesPerExecution = 10;

    public async Task<SoakResult> SoakAsync(SoakState state)
    {
        var streak = new FailureStreak(state.FailureCount, analysis.FailureLimit);
        for (var ran = 0; steps.Now < state.EndsAt; ran++)
        {
            if (ran == AnalysesPerExecution)
            {
                return new SoakResult(SoakVerdict.Pause, state, null);
            }

            var remaining = state.EndsAt - steps.Now;
            var wait = remaining < analysis.Interval ? remaining : analysis.Interval;
            var due = steps.Now + wait;
            steps.Status(s => s with { SoakRemaining = remaining, NextStepDue = due });
            try
            {
                var abort = await steps.Context.WaitForExternalEvent<AbortRequest>(AbortEventName, wait);
                steps.Status(s => s with { NextStepDue = null });
                return new SoakResult(SoakVerdict.Abort, state, new Abort(TransitionKind.RollbackStarted, $"aborted by {abort.RequestedBy}: {abort.Reason}", abort.RequestedBy));
            }
            catch (TaskCanceledException)
            {
                // The interval passed without an abort: time for the next analysis.
            }

            // A fixed id (stage, and the analysis's number in the stage's soak): an episode re-run after a kill starts
            // this analysis again rather than a second one beside it.
            var result = await steps.Context.CallSubOrchestratorAsync<AnalysisResult>(
                nameof(SoakAnalysisOrchestrator),
                new AnalysisRequest(analysis.Metrics, probes, canary, stable),
                new SubOrchestrationOptions(instanceId: PipelineInstanceIds.ForAnalysis(steps.Context.InstanceId, stageIndex, state.Analyses + 1)));
            streak = streak.After(result);
            state = state with { FailureCount = streak.Count, Analyses = state.Analyses + 1, LastHealthy = result.Healthy, LastSummary = result.Summary, LastDryRun = result.DryRunSummary };
            var current = state;
            steps.Status(s => s with { SoakRemaining = current.EndsAt - steps.Now, LastAnalysis = current.LastSummary, LastAnalysisHealthy = current.LastHealthy, LastChecks = result.Checks });
            if (streak.LimitReached)
            {
                var reason = $"{streak.Count} consecutive failing analyses (limit {streak.Limit}): {result.Summary}";
                return new SoakResult(SoakVerdict.Abort, state, new Abort(TransitionKind.Breached, reason, "analysis"));
            }
        }

        return state.LastHealthy is true
            ? new SoakResult(SoakVerdict.Promote, state, null)
            : new SoakResult(SoakVerdict.Abort, state, new Abort(TransitionKind.Breached, $"stage ended without a healthy analysis: {state.LastSummary ?? "no analysis ran"}", "analysis"));
    }
}

internal enum SoakVerdict
{
    Promote,
    Abort,

    /// <summary>The soak goes on in the next execution (continue-as-new).</summary>
    Pause,
}

internal sealed record SoakResult(SoakVerdict Verdict, SoakState State, Abort? Abort);
