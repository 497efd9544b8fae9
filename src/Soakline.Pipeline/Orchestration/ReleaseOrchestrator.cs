using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// One pipeline per push (instance id from <see cref="PipelineInstanceIds.ForPush"/>, so a redelivered webhook is
/// harmless): read the protection policy (trusted configuration), load and validate the spec, apply the branch rules
/// within the policy (<see cref="PolicyCheck"/>: a refused push changes nothing), pass the gate, take the environment
/// (one mutating pipeline per environment), then run the staging or production orchestrator on the policy's terms.
/// </summary>
public sealed class ReleaseOrchestrator : TaskOrchestrator<PushEvent, ReleaseOutcome>
{
    /// <summary>The environment transitions are recorded under before the branch rules picked one.</summary>
    public const string NoEnvironment = "(none)";

    /// <summary>How often a queued pipeline asks again for its environment.</summary>
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromSeconds(30);

    public override async Task<ReleaseOutcome> RunAsync(TaskOrchestrationContext context, PushEvent input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // Read before the first await, so it is the first episode's time. The engine may run an episode twice (DTFx on
        // Azure Storage sends an episode's messages before it commits its history, so a kill in between re-runs the
        // episode later at a later time), and the episode that starts the environment run is such an episode: an id
        // taken from its time differs on the re-run, and the environment run is started again for another release.
        // The first episode is committed before any later one runs, so every re-run of a later episode replays this
        // same value. Release ids therefore sort by pipeline start rather than by when the environment was taken.
        var startedAt = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var run = new RunSteps(new PipelineSteps(context, TransitionIds.StartedAt(context, startedAt), context.InstanceId, NoEnvironment, input.Commit));
        try
        {
            return await RunPipelineAsync(context, input, run, startedAt);
        }
        catch (TaskFailedException e)
        {
            // A step failed past its retries where nothing handles failure: the pipeline ends Crashed, saying which
            // step and why, instead of the engine's bare Failed.
            return await CrashedAsync(run.Steps, FailureSentence.Of(e), release: null);
        }
    }

    private static async Task<ReleaseOutcome> RunPipelineAsync(TaskOrchestrationContext context, PushEvent input, RunSteps run, DateTimeOffset startedAt)
    {
        var commit = input.Commit;
        var pending = run.Steps;
        pending.Stage("checking-policy");

        // Trusted configuration first: a repository the policy does not serve is not even read.
        var policy = await pending.Call<ProtectionPolicy>(nameof(GetProtectionPolicyActivity), input.Repository);
        if (PolicyCheck.RepositoryRefusal(policy, input.Repository) is { } notServed)
        {
            // Nothing is written to the repository (no commit status): Soakline does not act on repositories it does not serve.
            await pending.Record(TransitionKind.PolicyRefused, notServed);
            return Finish(pending, new ReleaseOutcome(ReleaseStatus.PolicyRefused, notServed));
        }

        pending.Stage("loading-spec");
        var file = input.SpecYaml is null ? await ReadSpecAsync(pending, commit) : new SpecFile(input.SpecYaml);
        if (file.Unavailable is { } unavailable)
        {
            return await SpecUnavailable(pending, commit, unavailable);
        }

        var yaml = file.Text;
        if (yaml is null)
        {
            await pending.Record(TransitionKind.Ignored, $"{commit} has no {PipelineSpecLoader.FileName}");
            return Finish(pending, new ReleaseOutcome(ReleaseStatus.Ignored, $"no {PipelineSpecLoader.FileName} at {commit}"));
        }

        // The policy's production environments turn some warnings into errors (a canary with nothing to analyse).
        var production = policy.Environments.Where(e => e.Kind == EnvironmentKind.Production).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var loaded = PipelineSpecLoader.Load(yaml, new SpecLoadOptions(production));
        if (!loaded.IsValid)
        {
            await SpecWarnings(pending, loaded, notify: false);
            return await SpecInvalid(pending, loaded);
        }

        var spec = loaded.Spec!;
        pending.Routes = spec.Notifications;
        var verdict = PolicyCheck.Check(spec, input.Repository, input.Branch, policy, loaded.Locations);
        var decision = verdict.Decision;

        // A push that deploys nowhere keeps its warnings on its own timeline: no commit status, no notification.
        await SpecWarnings(pending, loaded, notify: decision.Deploys);
        if (!decision.Deploys)
        {
            await pending.Record(TransitionKind.Ignored, decision.Reason);
            return Finish(pending, new ReleaseOutcome(ReleaseStatus.Ignored, decision.Reason));
        }

        if (verdict.Refused)
        {
            var refusing = run.Steps = new PipelineSteps(context, run.Steps.TransitionIds, context.InstanceId, decision.Environment!, commit) { Routes = spec.Notifications };
            return await PolicyRefused(refusing, verdict, input);
        }

        var terms = verdict.Terms!;
        var environment = spec.FindEnvironment(terms.Environment)!;
        var steps = run.Steps = new PipelineSteps(context, run.Steps.TransitionIds, context.InstanceId, environment.Name, commit) { Routes = spec.Notifications };
        await steps.Record(TransitionKind.PipelineStarted, $"{decision.Reason}; {terms.Describe()}", actor: input.Author, committedAt: input.CommittedAt);

        var gate = await GateRunner.RunAsync(steps, spec.Gates, commit);
        if (gate is not null)
        {
            return Finish(steps, gate);
        }

        if (!await AcquireEnvironmentAsync(steps, environment))
        {
            var refused = new ReleaseOutcome(ReleaseStatus.Refused, $"another pipeline is changing {environment.Name} and its concurrency is 'refuse'", environment.Name);
            await BestEffort(steps.SetCommitStatus("soakline", CommitStatusState.Failure, $"{refused.Status}: {refused.Detail}"));
            return Finish(steps, refused);
        }

        try
        {
            // Everything in the environment run's input comes from the push, the spec and replayed history, never from
            // this episode's own time: a re-run of this episode starts the same child with the same input. Instances
            // in flight replay too (the engine does not compare a child's input on replay); until their child
            // answers, their status names the id this code derives rather than the one their child was given.
            var environmentRun = new PipelineRun(
                context.InstanceId,
                commit,
                yaml,
                environment.Name,
                terms.Mode,
                ReleaseId.Create(startedAt, input.Sha),
                input.CommittedAt,
                input.Author,
                input.Message,
                input.OverrideE2E,
                Approvers: terms.Approvers,
                HonoursRecordedDecision: true);
            var child = terms.Kind == EnvironmentKind.Staging ? nameof(StagingOrchestrator) : nameof(ProductionOrchestrator);
            var childId = PipelineInstanceIds.ForEnvironmentRun(context.InstanceId, environment.Name);

            // The environment instance keeps the detailed status (traffic, soak, analysis) while it runs.
            steps.Status(s => s with { Stage = environment.Name, Release = environmentRun.Release.Value, Detail = $"see {childId}" });
            ReleaseOutcome outcome;
            try
            {
                outcome = await context.CallSubOrchestratorAsync<ReleaseOutcome>(
                    child,
                    environmentRun,
                    new SubOrchestrationOptions(instanceId: childId));
            }
            catch (TaskFailedException e)
            {
                // The environment run broke (a port failing beyond its retries outside a rollout): the sentence names
                // the step inside it that failed ("StagingOrchestrator failed: DeployComponentActivity failed: ...").
                return await CrashedAsync(steps, FailureSentence.Of(e), environmentRun.Release);
            }

            await steps.Record(TransitionKind.PipelineCompleted, $"{outcome.Status}: {outcome.Detail}", release: outcome.Release);

            // The environment run reported on its own context (soakline/<environment>); the pipeline's context says how
            // the whole pipeline ended, whatever the ending (nothing to deploy included).
            await BestEffort(steps.SetCommitStatus("soakline", EndingState(outcome.Status), $"{outcome.Status}: {outcome.Detail}"));
            return Finish(steps, outcome);
        }
        finally
        {
            await steps.Call<bool>(nameof(ReleaseEnvironmentActivity), new EnvironmentLeaseRequest(environment.Name, context.InstanceId, environment.Concurrency));
        }
    }

    /// <summary>The policy forbids the push: nothing is acquired or deployed; the reason goes where people look.</summary>
    private static async Task<ReleaseOutcome> PolicyRefused(PipelineSteps steps, PolicyVerdict verdict, PushEvent push)
    {
        var summary = verdict.Summary;
        await steps.Record(TransitionKind.PolicyRefused, summary, actor: push.Author);
        await steps.SetCommitStatus("soakline", CommitStatusState.Failure, summary);
        await steps.Notify(Severity.Warning, $"Push to {verdict.Decision.Branch} refused by the protection policy", $"{push.Commit} by {push.Author} was not deployed to {steps.Environment}: {summary}");
        return Finish(steps, new ReleaseOutcome(ReleaseStatus.PolicyRefused, summary, steps.Environment));
    }

    /// <summary>The spec at the commit; a read still failing after its retries becomes the reason it is unavailable.</summary>
    private static async Task<SpecFile> ReadSpecAsync(PipelineSteps steps, CommitRef commit)
    {
        try
        {
            return await steps.Call<SpecFile>(nameof(GetSpecTextActivity), commit);
        }
        catch (TaskFailedException e)
        {
            return new SpecFile(null, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>The spec could not be read: the reason goes everywhere people look, as for an invalid spec.</summary>
    private static async Task<ReleaseOutcome> SpecUnavailable(PipelineSteps steps, CommitRef commit, string reason)
    {
        var detail = $"could not read {PipelineSpecLoader.FileName} at {commit}: {reason}";
        await steps.Record(TransitionKind.SpecUnavailable, detail);
        try
        {
            await steps.SetCommitStatus("soakline", CommitStatusState.Error, $"could not read {PipelineSpecLoader.FileName}: {reason}", retry: false);
        }
        catch (TaskFailedException)
        {
            // The same source control that could not give the spec usually cannot take a status either; the
            // timeline, the notification and the pipeline's status still carry the reason.
        }

        await steps.Notify(Severity.Warning, $"{PipelineSpecLoader.FileName} could not be read", detail);
        return Finish(steps, new ReleaseOutcome(ReleaseStatus.SpecUnavailable, detail));
    }

    /// <summary>
    /// Warnings go where spec errors go: the timeline (<see cref="TransitionKind.SpecWarning"/>), and for a spec that
    /// loads and deploys somewhere, the commit status and a warning notification (an invalid spec's errors are
    /// notified instead).
    /// </summary>
    private static async Task SpecWarnings(PipelineSteps steps, SpecLoadResult loaded, bool notify)
    {
        if (loaded.Warnings.Count == 0)
        {
            return;
        }

        var summary = string.Join("; ", loaded.Warnings.Take(5).Select(w => w.ToString()));
        await steps.Record(TransitionKind.SpecWarning, summary);
        if (notify)
        {
            await steps.SetCommitStatus("soakline", CommitStatusState.Success, $"{PipelineSpecLoader.FileName} loaded with {loaded.Warnings.Count} warning(s): {summary}");
            await steps.Notify(Severity.Warning, $"{PipelineSpecLoader.FileName} has {loaded.Warnings.Count} warning(s)", summary);
        }
    }

    private static async Task<ReleaseOutcome> SpecInvalid(PipelineSteps steps, SpecLoadResult loaded)
    {
        var summary = string.Join("; ", loaded.Errors.Take(5).Select(e => e.ToString()));
        await steps.Record(TransitionKind.SpecInvalid, summary);
        await steps.SetCommitStatus("soakline", CommitStatusState.Error, $"{PipelineSpecLoader.FileName} is invalid: {loaded.Errors.Count} error(s)");
        await steps.Notify(Severity.Warning, $"{PipelineSpecLoader.FileName} is invalid", summary);
        return Finish(steps, new ReleaseOutcome(ReleaseStatus.SpecInvalid, summary));
    }

    /// <summary>Takes the environment; queues (asking again on a durable timer) or refuses as the spec says.</summary>
    private static async Task<bool> AcquireEnvironmentAsync(PipelineSteps steps, EnvironmentSpec environment)
    {
        var request = new EnvironmentLeaseRequest(environment.Name, steps.PipelineId, environment.Concurrency);
        var lease = await steps.Call<EnvironmentLease>(nameof(AcquireEnvironmentActivity), request);
        if (!lease.Acquired && environment.Concurrency == ConcurrencyMode.Refuse)
        {
            await steps.Record(TransitionKind.Refused, $"{environment.Name} is being changed by {lease.Holder}");
            await steps.Notify(Severity.Warning, $"Release refused on {environment.Name}", $"{environment.Name} is being changed by {lease.Holder}; this push was not deployed.");
            return false;
        }

        if (!lease.Acquired)
        {
            await steps.Record(TransitionKind.Queued, $"waiting for {lease.Holder} (position {lease.QueuePosition})");
            while (!lease.Acquired)
            {
                steps.Stage("queued", $"waiting for {lease.Holder} (position {lease.QueuePosition})");
                await steps.Pause(QueuePollInterval);
                lease = await steps.Call<EnvironmentLease>(nameof(AcquireEnvironmentActivity), request);
            }
        }

        await steps.Record(TransitionKind.EnvironmentAcquired, $"{environment.Name} acquired");
        return true;
    }

    /// <summary>
    /// The pipeline broke: the sentence goes to the timeline, the commit (an error status) and a critical notification,
    /// each as far as it still can (the failing port may be the one that would carry it), and the pipeline ends Crashed.
    /// </summary>
    private static async Task<ReleaseOutcome> CrashedAsync(PipelineSteps steps, string sentence, ReleaseId? release)
    {
        var outcome = new ReleaseOutcome(ReleaseStatus.Crashed, sentence, steps.Environment == NoEnvironment ? null : steps.Environment, release);
        await BestEffort(steps.Record(TransitionKind.PipelineCompleted, $"{outcome.Status}: {sentence}", release: release));
        await BestEffort(steps.SetCommitStatus("soakline", CommitStatusState.Error, $"Crashed: {sentence}"));
        await BestEffort(steps.Notify(Severity.Critical, $"Pipeline for {steps.Commit} crashed", sentence));
        return Finish(steps, outcome);
    }

    /// <summary>A finished pipeline's commit status: success when it deployed (or had nothing to), failure otherwise.</summary>
    private static CommitStatusState EndingState(ReleaseStatus status) =>
        status is ReleaseStatus.Deployed or ReleaseStatus.Released or ReleaseStatus.NothingToDeploy or ReleaseStatus.Ignored
            ? CommitStatusState.Success
            : CommitStatusState.Failure;

    private static async Task BestEffort(Task step)
    {
        try
        {
            await step;
        }
        catch (TaskFailedException)
        {
            // Already ending because something failed; the outcome and the status still carry the sentence.
        }
    }

    /// <summary>
    /// The pipeline's last status says where it ended, from its environment run's outcome: stage ("released",
    /// "rolled-back", ...), the share the release kept, the release serving now, and the typed outcome with its sentence.
    /// </summary>
    private static ReleaseOutcome Finish(PipelineSteps steps, ReleaseOutcome outcome) => steps.End(outcome);

    /// <summary>The steps in use so far, so a crash is reported with the environment and routes known by then.</summary>
    private sealed class RunSteps(PipelineSteps steps)
    {
        public PipelineSteps Steps { get; set; } = steps;
    }
}
