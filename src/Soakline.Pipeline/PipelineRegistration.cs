using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.DurableTask;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Stores;

namespace Soakline.Pipeline;

/// <summary>The one place the app wires the pipeline: its orchestrators and activities, and default port implementations.</summary>
public static class PipelineRegistration
{
    /// <summary>Registers every pipeline orchestrator and activity under its class name.</summary>
    public static DurableTaskRegistry AddPipelineTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }

    /// <summary>
    /// Adds the in-memory release store unless the app registered another one. Every other port (source control,
    /// deploy target, router, probe, metrics, approval, incidents, notifier, secrets, endpoint inspector, protection policy) must be
    /// registered by the app, typically from Soakline.Integrations.
    /// </summary>
    public static IServiceCollection AddSoaklinePipeline(this IServiceCollection services)
    {
        services.TryAddSingleton<IReleaseStore, InMemoryReleaseStore>();
        return services;
    }

    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(ReleaseOrchestrator),
        typeof(StagingOrchestrator),
        typeof(ProductionOrchestrator),
        typeof(SoakAnalysisOrchestrator),
        typeof(RollbackOrchestrator),
        typeof(MonitorSweepOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(AcquireEnvironmentActivity),
        typeof(CheckHealthActivity),
        typeof(CreateDeploymentActivity),
        typeof(DeployComponentActivity),
        typeof(DispatchWorkflowActivity),
        typeof(FindWorkflowRunActivity),
        typeof(GetChangedPathsActivity),
        typeof(GetChecksActivity),
        typeof(GetHostReleasesActivity),
        typeof(GetProtectionPolicyActivity),
        typeof(GetRecordedDecisionActivity),
        typeof(GetRecordedRollbackActivity),
        typeof(GetReleaseHistoryActivity),
        typeof(GetSpecTextActivity),
        typeof(InspectCertificateActivity),
        typeof(NotifyActivity),
        typeof(OpenIncidentActivity),
        typeof(PrepareArtifactActivity),
        typeof(QueryMetricActivity),
        typeof(RecordTransitionActivity),
        typeof(ReleaseEnvironmentActivity),
        typeof(RequestApprovalActivity),
        typeof(ResolveDnsActivity),
        typeof(ResolveIncidentActivity),
        typeof(RestoreTrafficActivity),
        typeof(RollbackComponentActivity),
        typeof(SetCommitStatusActivity),
        typeof(SetDeploymentStatusActivity),
        typeof(ShiftTrafficActivity),
    ];
}
