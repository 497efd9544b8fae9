using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Logging;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The activity calls orchestrators make, typed, plus the two things every step does: record a transition in the
/// audit trail and keep the custom status current. Orchestrators read as the pipeline they implement. Each recorded
/// transition is also one Information line in the app's log (category <see cref="TransitionLogCategory"/>), written
/// through the context's replay-safe logger so a replayed step does not write it again.
/// </summary>
internal sealed class PipelineSteps(TaskOrchestrationContext context, TransitionIds transitionIds, string pipelineId, string environment, CommitRef? commit)
{
    /// <summary>
    /// Port calls cross networks (GitHub, SSH, mail); a blip must not fail a release, so each activity gets three
    /// attempts, 5 s then 10 s apart (durable timers). What still fails is handled by the orchestrator (a rollout
    /// rolls back).
    /// </summary>
    public static readonly TaskOptions PortCall = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0));

    /// <summary>The environment a pipeline records under before its branch rules picked one.</summary>
    public const string NoEnvironment = ReleaseOrchestrator.NoEnvironment;

    /// <summary>The log category of the one line per transition.</summary>
    public const string TransitionLogCategory = "Soakline.Pipeline.Transitions";

    private readonly ILogger _transitions = context.CreateReplaySafeLogger(TransitionLogCategory);

    // Before an environment is known the status names none (the timeline still records under NoEnvironment).
    private PipelineStatus _status = new("starting", environment == NoEnvironment ? null : environment);

    public TaskOrchestrationContext Context => context;

    /// <summary>The execution's transition ids, for the steps an orchestrator makes after these (one count per execution).</summary>
    public TransitionIds TransitionIds => transitionIds;

    /// <summary>The custom status as last set.</summary>
    public PipelineStatus Current => _status;

    /// <summary>The spec (parsed again from the run's text, deterministically) and the steps of an environment run.</summary>
    public static (PipelineSpec Spec, PipelineSteps Steps) ForRun(TaskOrchestrationContext context, PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        var spec = Spec.Loading.PipelineSpecLoader.Load(run.SpecYaml).GetSpecOrThrow();
        return (spec, new PipelineSteps(context, TransitionIds.ForInput(context, run), run.PipelineId, run.Environment, run.Commit) { Routes = spec.Notifications });
    }

    public DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>
    /// The fencing token for an effect on hosts decided now: hosts refuse it once a later decision has changed them, so
    /// an activity the engine runs again late (at-least-once delivery) cannot undo a rollback.
    /// </summary>
    public EffectFence Fence => EffectFence.DecidedAt(Now);

    public string PipelineId => pipelineId;

    public string Environment => environment;

    public CommitRef? Commit => commit;

    public Task Record(
        TransitionKind kind,
        string detail,
        string? component = null,
        ReleaseId? release = null,
        IReadOnlyList<string>? hosts = null,
        string? actor = null,
        DateTimeOffset? committedAt = null,
        string? forPipeline = null)
    {
        LogTransition(kind, detail, forPipeline ?? pipelineId, release?.Value ?? _status.Release, actor);

        // Still drawn, though no longer the id: later NewGuid calls (the approval gate's decision id) then replay the
        // values the histories recorded before the ids changed.
        _ = context.NewGuid();
        return context.CallActivityAsync<bool>(
            nameof(RecordTransitionActivity),
            new ReleaseTransition(transitionIds.Next(forPipeline ?? pipelineId, environment, kind, component, release), forPipeline ?? pipelineId, environment, kind, Now, detail, commit, component, release, hosts, actor, committedAt),
            PortCall);
    }

    private void LogTransition(TransitionKind kind, string detail, string pipeline, string? release, string? actor)
    {
        // Before the branch rules picked an environment there is none to name: the line says so by leaving it out
        // rather than printing the placeholder the timeline records under.
        var known = environment == NoEnvironment ? null : environment;
        using var scope = _transitions.BeginScope(new KeyValueScope(
            ("pipeline", pipeline), ("repository", (commit?.Repository ?? Repository)?.FullName), ("environment", known), ("release", release)));
        switch (known, actor)
        {
            case (null, null):
                _transitions.LogInformation("{Transition}: {Detail}", kind, detail);
                break;
            case (null, _):
                _transitions.LogInformation("{Transition}: {Detail} (by {Actor})", kind, detail, actor);
                break;
            case (_, null):
                _transitions.LogInformation("{Transition} on {Environment}: {Detail}", kind, known, detail);
                break;
            default:
                _transitions.LogInformation("{Transition} on {Environment}: {Detail} (by {Actor})", kind, known, detail, actor);
                break;
        }
    }

    /// <summary>The repository, for steps that have no commit (a rollback): the transition log lines name it.</summary>
    public RepositoryRef? Repository { get; init; }

    /// <summary>The spec's notification routes, once the spec is known (before that nothing is routed).</summary>
    public NotificationSpec? Routes { get; set; }

    public Task Notify(Severity severity, string title, string text, Uri? link = null) =>
        context.CallActivityAsync<bool>(nameof(NotifyActivity), Routed(Routes, new Notification(severity, title, text, Fields(), link)), PortCall);

    /// <summary>Attaches the channels the spec routes the notification's severity to.</summary>
    public static Notification Routed(NotificationSpec? routes, Notification notification) =>
        notification with { Channels = routes?.ChannelsFor(notification.Severity) ?? [] };

    /// <summary>Updates the custom status; unspecified fields keep their values.</summary>
    public void Status(Func<PipelineStatus, PipelineStatus> change)
    {
        _status = change(_status);
        context.SetCustomStatus(_status);
    }

    /// <summary>
    /// Waits on a durable timer, first publishing when it fires (<see cref="PipelineStatus.NextStepDue"/>) so the
    /// stuck-pipeline watchdog knows the run is waiting legitimately until then.
    /// </summary>
    public Task Pause(TimeSpan delay)
    {
        var due = Now + delay;
        Status(s => s with { NextStepDue = due });
        return context.CreateTimer(delay, CancellationToken.None);
    }

    /// <summary>Puts the status on where the run ended (<see cref="FinalStages"/>) and returns the outcome.</summary>
    public ReleaseOutcome End(ReleaseOutcome outcome)
    {
        Status(s => FinalStages.Ended(s, outcome));
        return outcome;
    }

    public void Stage(string stage, string? detail = null) => Status(s => s with { Stage = stage, Detail = detail, SoakRemaining = null, NextStepDue = null });

    public Task<T> Call<T>(string activity, object input) => context.CallActivityAsync<T>(activity, input, PortCall);

    /// <param name="retry">False for one attempt only, where source control has just failed and waiting would only delay the outcome.</param>
    public Task SetCommitStatus(string statusContext, CommitStatusState state, string description, bool retry = true) =>
        commit is null
            ? Task.CompletedTask
            : context.CallActivityAsync<bool>(nameof(SetCommitStatusActivity), new CommitStatusRequest(commit, new CommitStatusUpdate(statusContext, state, Truncate(description, 140))), retry ? PortCall : null);

    /// <summary>Opens the deployment record for this environment and marks it in progress.</summary>
    public async Task<DeploymentRef?> StartDeployment(string description)
    {
        if (commit is null)
        {
            return null;
        }

        var deployment = await Call<DeploymentRef>(nameof(CreateDeploymentActivity), new DeploymentRequest(commit, environment, description));
        await Call<bool>(nameof(SetDeploymentStatusActivity), new DeploymentStatusUpdate(deployment, DeploymentState.InProgress, description));
        return deployment;
    }

    public Task FinishDeployment(DeploymentRef? deployment, DeploymentState state, string description) =>
        deployment is null
            ? Task.CompletedTask
            : Call<bool>(nameof(SetDeploymentStatusActivity), new DeploymentStatusUpdate(deployment, state, Truncate(description, 140)));

    private Dictionary<string, string> Fields()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["environment"] = environment, ["pipeline"] = pipelineId };
        if (commit is not null)
        {
            fields["commit"] = commit.ToString();
        }

        return fields;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
