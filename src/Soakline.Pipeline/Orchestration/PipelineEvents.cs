namespace Soakline.Pipeline.Orchestration;

/// <summary>
/// The external events pipelines wait for, for the app to raise with <c>DurableTaskClient.RaiseEventAsync</c> on the
/// environment instance (<see cref="Domain.PipelineInstanceIds.ForEnvironmentRun"/>; for approvals it is also
/// <see cref="Ports.ApprovalRequest.InstanceId"/>).
/// </summary>
public static class PipelineEvents
{
    /// <summary>Payload <see cref="Ports.ApprovalDecision"/>: approve or reject a production release.</summary>
    public const string Approval = "approval";

    /// <summary>Payload <see cref="AbortRequest"/>: stop a soaking rollout and roll back its canary.</summary>
    public const string Abort = "abort";
}
