namespace Soakline.Functions.Api;

/// <summary>The external events the pipeline orchestrators wait for (names shared with Soakline.Pipeline).</summary>
public static class PipelineEvents
{
    /// <summary>Payload: the pipeline's <c>ApprovalDecision</c>.</summary>
    public const string Approval = "approval";

    /// <summary>Payload: <see cref="AbortSignal"/>.</summary>
    public const string Abort = "abort";
}
