using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Releases;

/// <summary>Tells the pipeline waiting on a commit that its CI (a workflow run or a check suite) finished.</summary>
internal interface IPipelineSignals
{
    /// <returns>The instance signalled, or null when no pipeline runs for that commit.</returns>
    Task<string?> CiCompletedAsync(CiCompleted completed, CancellationToken cancellationToken);
}
