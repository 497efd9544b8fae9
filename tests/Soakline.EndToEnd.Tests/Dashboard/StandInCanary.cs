using Microsoft.DurableTask;
using Soakline.Functions.Releases;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.EndToEnd.Tests.Dashboard;

/// <summary>
/// Stand-in pipeline orchestrators on the real in-memory engine: a push to <c>main</c> waits for approval in its
/// production run, then walks the canary 5 → 25 → 50 → 100, one step per <see cref="Advance"/> event the test raises,
/// publishing the same <see cref="PipelineStatus"/> (traffic, soak, analysis checks) the real rollout publishes. Any
/// other branch completes at once. An abort during a step ends the run as "rolled-back". The test decides when the canary moves, so the page is checked at known points.
/// </summary>
internal static class StandInCanary
{
    public const string Advance = "advance";
    public const string ProductionOrchestrator = "ProductionOrchestrator";
    public const double ErrorRateLimit = 0.02;
    public const double LatencyLimitMs = 400;

    public static readonly int[] Steps = [5, 25, 50, 100];

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<PushEvent, string>(DurableReleaseStarter.OrchestratorName, async (context, push) =>
        {
            if (push.Branch != "main")
            {
                context.SetCustomStatus(new PipelineStatus("completed", "staging", Detail: "Released: staging"));
                return "released to staging";
            }

            context.SetCustomStatus(new PipelineStatus("production", "production"));
            return await context.CallSubOrchestratorAsync<string>(ProductionOrchestrator, push, new SubOrchestrationOptions(instanceId: context.InstanceId + ":production"));
        })
        .AddOrchestratorFunc<PushEvent, string>(ProductionOrchestrator, async (context, push) =>
        {
            var (approval, record) = await StandInGate.DecideAsync(context, new PipelineStatus("awaiting-approval", "production"));
            if (!approval.Approved)
            {
                context.SetCustomStatus(new PipelineStatus("rejected", "production", Detail: $"rejected by {approval.DecidedBy}"));
                return $"rejected by {approval.DecidedBy}";
            }

            var decided = $"approved by {approval.DecidedBy}";
            for (var step = 0; step < Steps.Length; step++)
            {
                context.SetCustomStatus(Soaking(step, decided) with { Approval = record });
                var advance = context.WaitForExternalEvent<int>(Advance);
                var abort = context.WaitForExternalEvent<AbortRequest>(PipelineEvents.Abort);
                if (await Task.WhenAny(advance, abort) == abort)
                {
                    var aborted = $"aborted by {abort.Result.RequestedBy}: {abort.Result.Reason}";
                    context.SetCustomStatus(new PipelineStatus("rolled-back", "production", Detail: aborted));
                    return aborted;
                }
            }

            context.SetCustomStatus(new PipelineStatus("released", "production", TrafficPercent: 100, Detail: decided));
            return decided;
        });

    /// <summary>
/// Step <paramref name="step"/>'s status: the error rate creeps up toward its limit, latency stays well under; a dry-run
/// p99 is above its limit throughout.
/// </summary>
    private static PipelineStatus Soaking(int step, string detail)
    {
        CheckOutcome[] checks =
        [
            new("error-rate", CheckStatus.Pass, 0.004 + (0.003 * step), 0.004, ErrorRateLimit, "within limit"),
            new("p95-latency-ms", CheckStatus.Pass, 180 + (25 * step), 175, LatencyLimitMs, "within limit",
                Judge: new JudgeVerdict(JudgeDecision.Pass, 60, 60, 20, 0.01, 0.1, 1900, 0.21, 5 * step, 0, 10 * step, 175, 5 * step / 175.0)),

            // A dry-run metric being tried out: above its limit at every step, and the canary goes on.
            new("p99-latency-ms", CheckStatus.Breach, 450 + (10 * step), null, LatencyLimitMs, "above its limit", DryRun: true),
        ];
        return new PipelineStatus($"stage {step + 1}: soaking", "production", TrafficPercent: Steps[step], SoakRemaining: TimeSpan.FromMinutes(30 - (step * 5)),
            LastAnalysis: $"healthy ({checks.Length} checks)", LastAnalysisHealthy: true, Detail: detail, LastChecks: checks);
    }
}
