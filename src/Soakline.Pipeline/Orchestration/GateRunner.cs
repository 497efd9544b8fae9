using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The gate: the fast tier's required checks must be green on the commit. Pending checks are read again on a durable
/// timer until the gate's timeout; red blocks at once.
/// </summary>
internal static class GateRunner
{
    /// <summary>Null when the gate passed; otherwise the outcome that ends the pipeline.</summary>
    public static async Task<ReleaseOutcome?> RunAsync(PipelineSteps steps, GateSpec gate, CommitRef commit)
    {
        if (gate.RequiredChecks.Count == 0)
        {
            await steps.Record(TransitionKind.GatePassed, "no required checks");
            return null;
        }

        var deadline = steps.Now + gate.Timeout;
        while (true)
        {
            steps.Stage("gate", $"waiting for {string.Join(", ", gate.RequiredChecks)}");
            var checks = await steps.Call<CommitChecks>(nameof(GetChecksActivity), new ChecksQuery(commit, gate.RequiredChecks));
            if (checks.AllSucceeded && gate.RequiredChecks.All(name => checks.Checks.Any(c => c.Name == name)))
            {
                await steps.Record(TransitionKind.GatePassed, $"green: {string.Join(", ", gate.RequiredChecks)}");
                return null;
            }

            if (checks.AnyFailed)
            {
                var red = string.Join(", ", checks.Checks.Where(c => c.State == CheckState.Failure).Select(c => c.Name));
                return await Blocked(steps, TransitionKind.GateFailed, ReleaseStatus.GateFailed, $"required checks failed: {red}");
            }

            if (steps.Now + gate.PollInterval > deadline)
            {
                var waiting = string.Join(", ", checks.Checks.Where(c => c.State != CheckState.Success).Select(c => $"{c.Name} ({c.State.ToString().ToLowerInvariant()})"));
                return await Blocked(steps, TransitionKind.GateTimedOut, ReleaseStatus.GateTimedOut, $"required checks not green after {gate.Timeout}: {waiting}");
            }

            await steps.Pause(gate.PollInterval);
        }
    }

    private static async Task<ReleaseOutcome> Blocked(PipelineSteps steps, TransitionKind kind, ReleaseStatus status, string detail)
    {
        await steps.Record(kind, detail);
        await steps.SetCommitStatus("soakline/gate", CommitStatusState.Failure, detail);
        await steps.Notify(Severity.Warning, $"Release blocked by the gate ({steps.Environment})", detail);
        return new ReleaseOutcome(status, detail, steps.Environment);
    }
}
