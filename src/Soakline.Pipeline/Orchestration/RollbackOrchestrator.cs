using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// Rollback, automatic or emergency. Automatic (from a breaching rollout): exactly the given hosts go back to the
/// stable release and routing is restored. Emergency: scope all / one component (every host of the environment, to the
/// previous or a named release, refused while a pipeline is changing the environment) or canary (the running pipeline
/// is told to abort and rolls back its own canary). Every rollback is health-verified, opens one incident and notifies.
/// </summary>
public sealed class RollbackOrchestrator : TaskOrchestrator<RollbackOrder, RollbackOutcome>
{
    public override async Task<RollbackOutcome> RunAsync(TaskOrchestrationContext context, RollbackOrder input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var spec = PipelineSpecLoader.Load(input.SpecYaml).GetSpecOrThrow();
        var steps = new PipelineSteps(context, TransitionIds.ForInput(context, input), input.FailedPipelineId ?? context.InstanceId, input.Environment, null) { Routes = spec.Notifications, Repository = input.Repository };
        steps.Stage("rollback", input.Reason);

        if (input.Targets is { } automatic)
        {
            return await RecordedEndAsync(steps, input) ?? await ExecuteAsync(steps, spec, input, automatic, input.FailedPipelineId);
        }

        var environment = spec.FindEnvironment(input.Environment);
        if (environment is null)
        {
            return Refused(steps, $"environment '{input.Environment}' is not declared in the spec");
        }

        var lease = await steps.Call<EnvironmentLease>(nameof(AcquireEnvironmentActivity), new EnvironmentLeaseRequest(input.Environment, context.InstanceId, ConcurrencyMode.Refuse));
        if (input.Scope == RollbackScope.Canary)
        {
            return await AbortRunningCanaryAsync(steps, input, lease);
        }

        if (!lease.Acquired)
        {
            return Refused(steps, $"{input.Environment} is being changed by {lease.Holder}; use scope 'canary' to abort that pipeline first");
        }

        try
        {
            var plan = await EmergencyPlanner.PlanAsync(steps, spec, input);
            return plan.Error is not null ? Refused(steps, plan.Error) : await ExecuteAsync(steps, spec, input, plan.Targets, plan.FailedPipelineId);
        }
        finally
        {
            await steps.Call<bool>(nameof(ReleaseEnvironmentActivity), new EnvironmentLeaseRequest(input.Environment, context.InstanceId, ConcurrencyMode.Refuse));
        }
    }

    /// <summary>
    /// The outcome of this automatic rollback when it already ended once: its parent's episode ran again after a kill and
    /// started it a second time. Nothing is done again (no restart, no incident, no notification, no timeline entry);
    /// the parent gets the answer the first run recorded.
    /// </summary>
    private static async Task<RollbackOutcome?> RecordedEndAsync(PipelineSteps steps, RollbackOrder input)
    {
        if (input.DecidedAt is not { } decidedAt || input.FailedPipelineId is not { } pipeline)
        {
            return null;
        }

        RecordedRollback? ended;
        try
        {
            ended = await steps.Call<RecordedRollback?>(nameof(GetRecordedRollbackActivity), new RecordedRollbackQuery(pipeline, input.Environment, decidedAt));
        }
        catch (TaskFailedException)
        {
            // The audit trail could not be read: roll back. Every host step of a rollback is a verified no-op on a
            // host already back, so acting again costs a second notification at worst; not acting could leave a
            // breaching release serving.
            return null;
        }

        if (ended is null)
        {
            return null;
        }

        steps.Stage("completed", $"already {(ended.Restored ? "rolled back" : "attempted")} at {ended.RecordedAt:O}; not repeated");
        return new RollbackOutcome(ended.Restored ? RollbackStatus.RolledBack : RollbackStatus.Failed, ended.Detail, []);
    }

    private static async Task<RollbackOutcome> AbortRunningCanaryAsync(PipelineSteps steps, RollbackOrder input, EnvironmentLease lease)
    {
        if (lease.Acquired)
        {
            await steps.Call<bool>(nameof(ReleaseEnvironmentActivity), new EnvironmentLeaseRequest(input.Environment, steps.Context.InstanceId, ConcurrencyMode.Refuse));
            steps.Stage("completed", "no pipeline is running");
            return new RollbackOutcome(RollbackStatus.NothingToRollBack, $"no pipeline is changing {input.Environment}", []);
        }

        var target = PipelineInstanceIds.ForEnvironmentRun(lease.Holder!, input.Environment);
        steps.Context.SendEvent(target, SoakMonitor.AbortEventName, new AbortRequest(input.Reason, input.RequestedBy));
        await steps.Record(TransitionKind.RollbackStarted, $"abort sent to {target}: {input.Reason}", actor: input.RequestedBy, forPipeline: lease.Holder);
        steps.Stage("completed", $"abort sent to {target}");
        return new RollbackOutcome(RollbackStatus.AbortRequested, $"abort sent to {target}", []);
    }

    private static async Task<RollbackOutcome> ExecuteAsync(PipelineSteps steps, PipelineSpec spec, RollbackOrder input, IReadOnlyList<RollbackTarget> targets, string? failedPipeline)
    {
        var emergency = input.Targets is null;
        if (emergency)
        {
            await steps.Record(TransitionKind.RollbackStarted, $"emergency rollback ({input.Scope.ToString().ToLowerInvariant()}): {input.Reason}", actor: input.RequestedBy);
            await steps.Record(TransitionKind.ChangeFailed, input.Reason, actor: input.RequestedBy, forPipeline: failedPipeline);
        }

        var results = new List<ComponentRollback>();
        foreach (var target in targets)
        {
            results.Add(await RollBackComponentAsync(steps, spec.FindComponent(target.Component)!, target, input.Reason));
        }

        var ok = results.TrueForAll(r => r.Succeeded && r.Healthy);
        await steps.Record(ok ? TransitionKind.Restored : TransitionKind.RollbackFailed, string.Join("; ", results.Select(r => r.Detail)), actor: input.RequestedBy, forPipeline: failedPipeline);

        var title = $"{(emergency ? "Emergency rollback" : "Automatic rollback")} on {input.Environment}{(ok ? "" : " did not complete")}";
        var body = $"Reason: {input.Reason}\nRequested by: {input.RequestedBy}\n\n" + string.Join("\n", results.Select(r => $"- {r.Detail}"));
        var key = $"rollback:{input.Environment}:{input.FailedPipelineId ?? steps.Context.InstanceId}";
        var incident = await steps.Call<IncidentRef>(nameof(OpenIncidentActivity), new IncidentReport(key, Severity.Critical, title, body, ["soakline", "rollback", input.Environment]));
        await steps.Record(TransitionKind.IncidentOpened, incident.Url?.ToString() ?? incident.Id, actor: input.RequestedBy);
        await steps.Notify(Severity.Critical, title, body, incident.Url);

        steps.Stage("completed", ok ? "rolled back" : "rollback incomplete");
        var detail = string.Join("; ", results.Select(r => r.Detail));
        return new RollbackOutcome(ok ? RollbackStatus.RolledBack : RollbackStatus.Failed, detail, results, incident);
    }

    private static async Task<ComponentRollback> RollBackComponentAsync(PipelineSteps steps, ComponentSpec component, RollbackTarget target, string reason)
    {
        var switchedBack = true;
        ReleaseId? active = target.ToRelease;
        if (target.Hosts.Count > 0)
        {
            var result = await steps.Call<DeployResult>(nameof(RollbackComponentActivity), new RollbackRequest(ComponentTargets.For(component), target.Hosts, target.ToRelease, reason, steps.Fence));
            switchedBack = result.AllSucceeded;
            active ??= result.Hosts.Select(h => h.ActiveRelease).FirstOrDefault(r => r is not null);
        }

        if (target.RestoreTraffic is { } routing)
        {
            await steps.Call<TrafficState>(nameof(RestoreTrafficActivity), routing with { Fence = steps.Fence });
        }

        var probes = ComponentTargets.Probes(component, target.Hosts, active);
        var health = await Task.WhenAll(probes.Select(p => steps.Call<HealthCheckResult>(nameof(CheckHealthActivity), p)));

        // Healthy only when something was checked: a component without health.url (or no host switched) is not.
        var healthy = health.All(h => h.Healthy);
        var checkedHealth = health.Length > 0;
        var release = active?.Value ?? "the previous release";
        await steps.Record(switchedBack ? TransitionKind.RolledBack : TransitionKind.RollbackFailed, $"{component.Name} back to {release}", component.Name, active, target.Hosts);

        var hosts = target.Hosts.Count == 0 ? "no host had switched; routing restored" : string.Join(", ", target.Hosts);
        var state = !switchedBack ? "switch failed"
            : !checkedHealth ? (component.Health is null ? "no health check configured" : "no host to health-check")
            : healthy ? "healthy" : "unhealthy after rollback";
        return new ComponentRollback(component.Name, target.Hosts, active, switchedBack, healthy, $"{component.Name} on {hosts} back to {release}: {state}", checkedHealth);
    }

    private static RollbackOutcome Refused(PipelineSteps steps, string reason)
    {
        steps.Stage("refused", reason);
        return new RollbackOutcome(RollbackStatus.Refused, reason, []);
    }
}
