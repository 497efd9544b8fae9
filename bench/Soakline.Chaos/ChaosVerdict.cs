using System.Globalization;

namespace Soakline.Chaos;

/// <summary>
/// Holds the run to the issue's four promises: every pipeline reached its expected end; every host ends on the
/// release its pipeline decided (what <c>current</c> points at and what its service runs); no effect was applied twice
/// where the design promises idempotence; no approval the app confirmed was lost. Each failure is one line.
/// </summary>
internal sealed record ChaosVerdict(
    IReadOnlyList<string> Failures,
    int PipelinesAsExpected,
    int Pipelines,
    int HostsOnDecidedRelease,
    int Hosts,
    int Violations,
    int RepeatedNoOps,
    int Effects,
    int ApprovalsTakenEffect,
    int ApprovalsConfirmed)
{
    public bool Passed => Failures.Count == 0;

    public static ChaosVerdict Judge(ChaosPlan plan, IReadOnlyList<PipelineEnd> ends, IReadOnlyDictionary<string, ApprovalRecord> approvals, int kills, int azuriteRestarts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(approvals);
        var failures = new List<string>();
        if (kills != plan.Kills.Count)
        {
            failures.Add($"only {kills} of {plan.Kills.Count} kills happened");
        }

        if (azuriteRestarts != plan.AzuriteRestartAfterKill.Count(k => k <= plan.Kills.Count))
        {
            failures.Add($"only {azuriteRestarts} of {plan.AzuriteRestartAfterKill.Count} Azurite restarts happened");
        }

        // 1. Every pipeline (two per environment) reached its expected end.
        var expectedPipelines = plan.Environments.Count * 2;
        foreach (var end in ends.Where(e => !e.AsExpected))
        {
            failures.Add($"{end.Pipeline.Label} ({end.Pipeline.InstanceId}) ended {end.RuntimeStatus} '{end.Outcome ?? $"did not end within {PipelineDriver.PipelineTimeout.TotalMinutes:0} min after the chaos (STUCK)"}', expected {(end.Pipeline.MustRollBack ? "RolledBack" : "Released")}");
        }

        foreach (var environment in plan.Environments.Where(e => ends.Count(x => x.Pipeline.Environment == e) < 2))
        {
            failures.Add($"{environment.Name}: its {environment.Kind} pipeline was not pushed (its baseline did not release)");
        }

        // 2. Every host on the release its pipeline decided, in current and in what it runs.
        var hostsOnDecided = 0;
        foreach (var environment in plan.Environments)
        {
            var decider = ends.LastOrDefault(e => e.Pipeline.Environment == environment && e.AsExpected);
            var decidedCommit = decider is null ? null : decider.Pipeline.MustRollBack
                ? ends.First(e => e.Pipeline.Environment == environment && e.Pipeline.IsBaseline).Pipeline.ShortSha
                : decider.Pipeline.ShortSha;
            foreach (var host in environment.Hosts)
            {
                var current = FleetHosts.CurrentRelease(host);
                var running = FleetHosts.RunningRelease(host);
                var decided = decidedCommit is not null && current is not null && current.EndsWith("-" + decidedCommit, StringComparison.Ordinal) && running == current;
                if (decided)
                {
                    hostsOnDecided++;
                }
                else
                {
                    failures.Add($"{host.Name}: current {current ?? "none"}, running {running ?? "none"}; decided: the release of {decidedCommit ?? "(no pipeline decided)"}");
                }
            }
        }

        // 3. Idempotence, from each host's ledger.
        var audits = plan.Environments.SelectMany(e => e.Hosts).Select(LedgerAudit.Check).ToList();
        failures.AddRange(audits.SelectMany(a => a.Violations));

        // 4. No approval lost: each approval the app confirmed took effect in its pipeline, and every pipeline was approved.
        var approvalsTakenEffect = 0;
        foreach (var end in ends)
        {
            var confirmed = approvals.Keys.Any(run => run.StartsWith(end.Pipeline.InstanceId + ":", StringComparison.Ordinal));
            var approved = end.TimelineKinds.Contains("Approved");
            if (confirmed && approved)
            {
                approvalsTakenEffect++;
            }
            else if (confirmed && end.Ended)
            {
                failures.Add($"{end.Pipeline.Label}: the app confirmed its approval, but the pipeline never recorded it (LOST APPROVAL); it ended {end.RuntimeStatus} '{end.Outcome}'");
            }
            else if (confirmed)
            {
                // A pipeline that did not end is already a failure above; its approval may still have been on its way.
                failures.Add($"{end.Pipeline.Label}: the app confirmed its approval, the pipeline had not recorded it when it was given up ({end.RuntimeStatus})");
            }
            else
            {
                failures.Add($"{end.Pipeline.Label}: no approval was confirmed by the app (no mail, or every attempt failed)");
            }
        }

        return new ChaosVerdict(
            failures,
            ends.Count(e => e.AsExpected),
            expectedPipelines,
            hostsOnDecided,
            plan.Environments.Sum(e => e.Hosts.Count),
            audits.Sum(a => a.Violations.Count),
            audits.Sum(a => a.RepeatedNoOps.Count),
            audits.Sum(a => a.Effects),
            approvalsTakenEffect,
            approvals.Count);
    }

    public string Measured(ChaosPlan plan, int kills, int azuriteRestarts, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return string.Create(CultureInfo.InvariantCulture,
            $"{PipelinesAsExpected}/{Pipelines} pipelines reached their expected end; {HostsOnDecidedRelease}/{Hosts} hosts on their decided release; " +
            $"{Violations} idempotence violations in {Effects} recorded effects ({RepeatedNoOps} repeated switches, verified no-ops); " +
            $"{ApprovalsTakenEffect}/{Pipelines} approvals took effect ({ApprovalsConfirmed} confirmed by the app); " +
            $"{kills} SIGKILLs and {azuriteRestarts} Azurite restarts in {elapsed.TotalMinutes:0.0} min (seed {plan.Seed})");
    }
}
