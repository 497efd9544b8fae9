using System.Text.Json;
using Soakline.Demo.Kit.App;
using Soakline.Pipeline.Domain;

namespace Soakline.Chaos;

/// <summary>
/// Plays one environment: after its start delay, pushes the baseline and follows it to its end, then pushes the chaos
/// release and follows that. Pushes and reads go to whichever app process is up (a signed webhook delivery; a
/// redelivery of a push answers 202 "accepted" with the same instance id (or "exists" where the push is started before the
/// answer), and the same pipeline runs).
/// </summary>
internal sealed class PipelineDriver(AppPair apps, FleetRepository repository, ApprovalClerk clerk, ChaosProgress progress, TimeProvider clock)
{
    /// <summary>
    /// A pipeline counts as stuck when it has not ended this long after the later of its push and the end of the
    /// chaos (the last kill and Azurite restart): while processes keep dying, progress is allowed to be slow.
    /// </summary>
    public static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(6);

    /// <summary>And in any case this long after its push.</summary>
    public static readonly TimeSpan PipelineHardLimit = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly RepositoryRef Repository = new("chaos", "fleet");

    public async Task<IReadOnlyList<PipelineEnd>> RunAsync(ChaosEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await Task.Delay(environment.StartAfter, clock, cancellationToken).ConfigureAwait(false);
        var commits = repository.CommitsOf(environment);
        var baseline = await PushAndFollowAsync(environment, true, commits.Main, commits.Baseline, cancellationToken).ConfigureAwait(false);
        if (!baseline.AsExpected)
        {
            // Without a stable release the chaos release has nothing to be measured against: it is not pushed.
            return [baseline];
        }

        var change = await PushAndFollowAsync(environment, false, commits.Baseline, commits.Change, cancellationToken).ConfigureAwait(false);
        return [baseline, change];
    }

    private async Task<PipelineEnd> PushAndFollowAsync(ChaosEnvironment environment, bool isBaseline, string before, string after, CancellationToken cancellationToken)
    {
        var instanceId = PipelineInstanceIds.ForPush(new CommitRef(Repository, after, environment.Branch));
        var pipeline = new ChaosPipeline(environment, isBaseline, after, instanceId);
        if (!isBaseline)
        {
            clerk.DelayFor(instanceId, environment.ApprovalDelay);
        }

        var started = clock.GetTimestamp();
        while (true)
        {
            try
            {
                await apps.CallAsync(app => PushAsync(app, pipeline, before), cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (HttpRequestException ex) when (!Overdue(started))
            {
                progress.Say($"push of {pipeline.Label} not accepted yet ({ex.Message}); delivering it again");
            }
            catch (HttpRequestException ex)
            {
                var undelivered = new PipelineEnd(pipeline, $"not started: the webhook never accepted the push ({ex.Message})", null, [], clock.GetElapsedTime(started));
                progress.Ended(undelivered);
                return undelivered;
            }
        }

        progress.Started(pipeline);
        var end = await FollowAsync(pipeline, started, cancellationToken).ConfigureAwait(false);
        progress.Ended(end);
        return end;
    }

    private static async Task<string> PushAsync(SoaklineApp app, ChaosPipeline pipeline, string before)
    {
        try
        {
            return await app.PushAsync(FleetRepository.FullName, pipeline.Environment.Branch, before, pipeline.Commit, pipeline.Label, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("\"exists\"", StringComparison.Ordinal))
        {
            // The first delivery started it, but its answer was lost with the process that gave it.
            return pipeline.InstanceId;
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            // 5xx while storage is away, or a body cut off by a kill: deliver again (the instance id makes it safe).
            throw new HttpRequestException($"push of {pipeline.Label}: {ex.Message}", ex);
        }
    }

    private async Task<PipelineEnd> FollowAsync(ChaosPipeline pipeline, long started, CancellationToken cancellationToken)
    {
        var runtimeStatus = "unknown";
        var lastSeen = "never read";
        IReadOnlyList<string> lastKinds = [];
        while (!Overdue(started))
        {
            JsonElement? detail;
            try
            {
                detail = await apps.CallAsync(app => app.GetPipelineAsync(pipeline.InstanceId, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                // The API kept failing for this pipeline through a call's whole patience: remembered, and asked again.
                lastSeen = $"the API kept failing: {ex.Message}";
                continue;
            }

            if (detail is { } found && found.GetProperty("pipeline") is var state)
            {
                runtimeStatus = Text(state, "runtimeStatus");
                lastSeen = Stages(found);
                lastKinds = [.. found.GetProperty("timeline").EnumerateArray().Select(e => Text(e, "kind"))];
                if (runtimeStatus is "Completed" or "Failed" or "Terminated")
                {
                    var outcome = state.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object ? Text(status, "detail") : runtimeStatus;
                    return new PipelineEnd(pipeline, runtimeStatus, outcome, lastKinds, clock.GetElapsedTime(started));
                }
            }

            await Task.Delay(PollInterval, clock, cancellationToken).ConfigureAwait(false);
        }

        return new PipelineEnd(pipeline, $"{runtimeStatus} (last seen: {lastSeen}; timeline: {string.Join(", ", lastKinds)})", null, lastKinds, clock.GetElapsedTime(started));
    }

    /// <summary>Each environment run's stage as the API last showed it, for a stuck pipeline's report.</summary>
    private static string Stages(JsonElement detail)
    {
        var stages = detail.GetProperty("environmentRuns").EnumerateArray()
            .Select(run => run.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object ? Text(status, "stage") : Text(run, "runtimeStatus"))
            .Where(stage => stage.Length > 0)
            .ToList();
        return stages.Count == 0 ? "no environment run yet" : "stage " + string.Join(", ", stages);
    }

    private bool Overdue(long started)
    {
        if (clock.GetElapsedTime(started) > PipelineHardLimit)
        {
            return true;
        }

        return progress.ChaosEndedAt is { } quiet && clock.GetElapsedTime(Math.Max(quiet, started)) > PipelineTimeout;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
