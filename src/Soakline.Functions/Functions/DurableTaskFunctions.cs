using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Analysis;
using Soakline.Pipeline.Delivery;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Dora;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Functions;

/// <summary>
/// Azure mode: one thin function per class-based orchestrator and activity of <see cref="Soakline.Pipeline.PipelineRegistration"/>
/// (the SDK's source generator for class-based tasks is not served). Each function is named after its class, the task
/// name the orchestrators call and the standalone engine registers, so one history reads the same in both modes. A test
/// checks that every registered task has its function. Only <see cref="AcquireEnvironmentActivity"/> needs a client.
/// </summary>
internal static class DurableTaskFunctions
{
    [Function(nameof(MonitorSweepOrchestrator))]
    public static Task<MonitorSweepOutcome> MonitorSweep([OrchestrationTrigger] TaskOrchestrationContext context)
        => new MonitorSweepOrchestrator().RunInFunctionAsync(context);

    [Function(nameof(ProductionOrchestrator))]
    public static Task<ReleaseOutcome> Production([OrchestrationTrigger] TaskOrchestrationContext context)
        => new ProductionOrchestrator().RunInFunctionAsync(context);

    [Function(nameof(ReleaseOrchestrator))]
    public static Task<ReleaseOutcome> Release([OrchestrationTrigger] TaskOrchestrationContext context)
        => new ReleaseOrchestrator().RunInFunctionAsync(context);

    [Function(nameof(RollbackOrchestrator))]
    public static Task<RollbackOutcome> Rollback([OrchestrationTrigger] TaskOrchestrationContext context)
        => new RollbackOrchestrator().RunInFunctionAsync(context);

    [Function(nameof(SoakAnalysisOrchestrator))]
    public static Task<AnalysisResult> SoakAnalysis([OrchestrationTrigger] TaskOrchestrationContext context)
        => new SoakAnalysisOrchestrator().RunInFunctionAsync(context);

    [Function(nameof(StagingOrchestrator))]
    public static Task<ReleaseOutcome> Staging([OrchestrationTrigger] TaskOrchestrationContext context)
        => new StagingOrchestrator().RunInFunctionAsync(context);

    [Function(nameof(AcquireEnvironmentActivity))]
    public static Task<EnvironmentLease> AcquireEnvironment([ActivityTrigger] EnvironmentLeaseRequest input, [DurableClient] DurableTaskClient client, FunctionContext context)
        => context.Activity<AcquireEnvironmentActivity>(client).RunInFunctionAsync(context, input);

    [Function(nameof(CheckHealthActivity))]
    public static Task<HealthCheckResult> CheckHealth([ActivityTrigger] HealthCheckRequest input, FunctionContext context)
        => context.Activity<CheckHealthActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(CreateDeploymentActivity))]
    public static Task<DeploymentRef> CreateDeployment([ActivityTrigger] DeploymentRequest input, FunctionContext context)
        => context.Activity<CreateDeploymentActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(DeployComponentActivity))]
    public static Task<DeployResult> DeployComponent([ActivityTrigger] DeployOrder input, FunctionContext context)
        => context.Activity<DeployComponentActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(DispatchWorkflowActivity))]
    public static Task<bool> DispatchWorkflow([ActivityTrigger] WorkflowDispatch input, FunctionContext context)
        => context.Activity<DispatchWorkflowActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(FindWorkflowRunActivity))]
    public static Task<WorkflowRunStatus?> FindWorkflowRun([ActivityTrigger] WorkflowRunQuery input, FunctionContext context)
        => context.Activity<FindWorkflowRunActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetChangedPathsActivity))]
    public static Task<IReadOnlyList<string>> GetChangedPaths([ActivityTrigger] ChangedPathsQuery input, FunctionContext context)
        => context.Activity<GetChangedPathsActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetChecksActivity))]
    public static Task<CommitChecks> GetChecks([ActivityTrigger] ChecksQuery input, FunctionContext context)
        => context.Activity<GetChecksActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetHostReleasesActivity))]
    public static Task<IReadOnlyList<HostReleases>> GetHostReleases([ActivityTrigger] HostReleasesQuery input, FunctionContext context)
        => context.Activity<GetHostReleasesActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetProtectionPolicyActivity))]
    public static Task<ProtectionPolicy> GetProtectionPolicy([ActivityTrigger] RepositoryRef input, FunctionContext context)
        => context.Activity<GetProtectionPolicyActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetRecordedDecisionActivity))]
    public static Task<RecordedDecision?> GetRecordedDecision([ActivityTrigger] RecordedDecisionQuery input, FunctionContext context)
        => context.Activity<GetRecordedDecisionActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetRecordedRollbackActivity))]
    public static Task<RecordedRollback?> GetRecordedRollback([ActivityTrigger] RecordedRollbackQuery input, FunctionContext context)
        => context.Activity<GetRecordedRollbackActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetReleaseHistoryActivity))]
    public static Task<IReadOnlyList<DeployedRelease>> GetReleaseHistory([ActivityTrigger] ReleaseHistoryQuery input, FunctionContext context)
        => context.Activity<GetReleaseHistoryActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(GetSpecTextActivity))]
    public static Task<SpecFile> GetSpecText([ActivityTrigger] CommitRef input, FunctionContext context)
        => context.Activity<GetSpecTextActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(InspectCertificateActivity))]
    public static Task<CertificateInfo> InspectCertificate([ActivityTrigger] EndpointQuery input, FunctionContext context)
        => context.Activity<InspectCertificateActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(NotifyActivity))]
    public static Task<bool> Notify([ActivityTrigger] Notification input, FunctionContext context)
        => context.Activity<NotifyActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(OpenIncidentActivity))]
    public static Task<IncidentRef> OpenIncident([ActivityTrigger] IncidentReport input, FunctionContext context)
        => context.Activity<OpenIncidentActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(PrepareArtifactActivity))]
    public static Task<ArtifactInfo> PrepareArtifact([ActivityTrigger] ArtifactRequest input, FunctionContext context)
        => context.Activity<PrepareArtifactActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(QueryMetricActivity))]
    public static Task<MetricReading> QueryMetric([ActivityTrigger] MetricRequest input, FunctionContext context)
        => context.Activity<QueryMetricActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(RecordTransitionActivity))]
    public static Task<bool> RecordTransition([ActivityTrigger] ReleaseTransition input, FunctionContext context)
        => context.Activity<RecordTransitionActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(ReleaseEnvironmentActivity))]
    public static Task<bool> ReleaseEnvironment([ActivityTrigger] EnvironmentLeaseRequest input, FunctionContext context)
        => context.Activity<ReleaseEnvironmentActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(RequestApprovalActivity))]
    public static Task<ApprovalRequestSent> RequestApproval([ActivityTrigger] ApprovalRequest input, FunctionContext context)
        => context.Activity<RequestApprovalActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(ResolveDnsActivity))]
    public static Task<DnsResolution> ResolveDns([ActivityTrigger] EndpointQuery input, FunctionContext context)
        => context.Activity<ResolveDnsActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(ResolveIncidentActivity))]
    public static Task<bool> ResolveIncident([ActivityTrigger] IncidentResolution input, FunctionContext context)
        => context.Activity<ResolveIncidentActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(RestoreTrafficActivity))]
    public static Task<TrafficState> RestoreTraffic([ActivityTrigger] TrafficState input, FunctionContext context)
        => context.Activity<RestoreTrafficActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(RollbackComponentActivity))]
    public static Task<DeployResult> RollbackComponent([ActivityTrigger] RollbackRequest input, FunctionContext context)
        => context.Activity<RollbackComponentActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(SetCommitStatusActivity))]
    public static Task<bool> SetCommitStatus([ActivityTrigger] CommitStatusRequest input, FunctionContext context)
        => context.Activity<SetCommitStatusActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(SetDeploymentStatusActivity))]
    public static Task<bool> SetDeploymentStatus([ActivityTrigger] DeploymentStatusUpdate input, FunctionContext context)
        => context.Activity<SetDeploymentStatusActivity>().RunInFunctionAsync(context, input);

    [Function(nameof(ShiftTrafficActivity))]
    public static Task<TrafficState> ShiftTraffic([ActivityTrigger] TrafficShift input, FunctionContext context)
        => context.Activity<ShiftTrafficActivity>().RunInFunctionAsync(context, input);
}
