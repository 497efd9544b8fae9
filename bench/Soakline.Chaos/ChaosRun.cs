using System.Text.Json;
using System.Text.Json.Nodes;

namespace Soakline.Chaos;

/// <summary>
/// One chaos run: starts the rig, plays every environment while the monkey kills app processes and restarts Azurite,
/// waits for every pipeline to end, judges the result and writes it to the result file.
/// </summary>
internal sealed class ChaosRun(ChaosOptions options, TextWriter output, TimeProvider clock)
{
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var workFolder = Directory.CreateTempSubdirectory("soakline-chaos-").FullName;
        var plan = ChaosPlan.Create(options, Path.Combine(workFolder, "hosts"));
        var progress = new ChaosProgress(output, plan.Kills.Count, plan.Environments.Count * 2, plan.AzuriteRestartAfterKill.Count, clock);
        progress.Say($"seed {plan.Seed} (replay with --seed {plan.Seed}): {plan.Environments.Count} environments " +
            $"({string.Join(", ", Enum.GetValues<PipelineKind>().Select(k => $"{plan.Environments.Count(e => e.Kind == k)} {k}"))}), " +
            $"{plan.Kills.Count} kills, Azurite restarts after kills {string.Join(", ", plan.AzuriteRestartAfterKill.Order())}");

        await using var rig = await ChaosRig.StartAsync(options, plan, workFolder, progress, clock, cancellationToken).ConfigureAwait(false);
        using var stopClerk = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clerk = new ApprovalClerk(rig.Outbox.Folder, rig.Apps, clock);
        var clerkTask = clerk.RunAsync(stopClerk.Token);
        var driver = new PipelineDriver(rig.Apps, rig.Repository, clerk, progress, clock);
        var monkey = new ChaosMonkey(plan, rig.Apps, rig.Azurite, progress, clock);

        var environments = plan.Environments.Select(e => driver.RunAsync(e, cancellationToken)).ToList();
        var chaos = monkey.RunAsync(cancellationToken);
        var ends = (await Task.WhenAll(environments).ConfigureAwait(false)).SelectMany(e => e).ToList();
        progress.Say("every pipeline ended; waiting for the remaining kills");
        await chaos.ConfigureAwait(false);
        await stopClerk.CancelAsync().ConfigureAwait(false);
        try
        {
            await clerkTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        var verdict = ChaosVerdict.Judge(plan, ends, clerk.Confirmed, progress.Kills, progress.AzuriteRestarts);
        var measured = verdict.Measured(plan, progress.Kills, progress.AzuriteRestarts, progress.Elapsed);
        var details = verdict.Passed
            ? $"all promises kept; work folder with app logs, outbox and host ledgers: {workFolder}"
            : $"{verdict.Failures.Count} failures: {string.Join(" | ", verdict.Failures)}; replay with --seed {plan.Seed}; work folder: {workFolder}";
        foreach (var problem in clerk.Problems)
        {
            progress.Say($"approver note: {problem}");
        }

        var result = new JsonObject
        {
            ["part"] = "chaos",
            ["target"] = $"100% of {plan.Environments.Count * 2} pipelines ({plan.Environments.Count} baselines, {plan.Environments.Count} canaries that promote, breach or wait for approval) reach their expected end " +
                $"under {plan.Kills.Count} SIGKILLs of two app processes and {plan.AzuriteRestartAfterKill.Count} Azurite restarts; every host on its decided release; no repeated effect that is not a no-op; no approval lost",
            ["measured"] = measured,
            ["pass"] = verdict.Passed,
            ["details"] = details,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(options.ResultFile)!);
        await File.WriteAllTextAsync(options.ResultFile, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", cancellationToken).ConfigureAwait(false);
        progress.Say(verdict.Passed ? $"PASS: {measured}" : $"FAIL: {measured}");
        foreach (var failure in verdict.Failures)
        {
            progress.Say($"  failure: {failure}");
        }

        progress.Say($"result written to {options.ResultFile}");
        return verdict.Passed;
    }
}
