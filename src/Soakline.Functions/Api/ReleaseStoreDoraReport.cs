using Soakline.Pipeline.Dora;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Api;

/// <summary>The DORA figures computed by the pipeline's <see cref="DoraCalculator"/> from the release store's transitions.</summary>
internal sealed class ReleaseStoreDoraReport(IReleaseStore store) : IDoraReport
{
    public async Task<DoraReport> GetAsync(string environment, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // All of the environment's history up to the window's end: a restore inside the window may answer an earlier failure.
        var transitions = await store.GetTransitionsAsync(new TransitionQuery(Environment: environment, To: to), cancellationToken);
        var figures = DoraCalculator.Compute(transitions, environment, from, to);
        return new DoraReport(
            figures.Environment,
            figures.From,
            figures.To,
            figures.Deployments,
            figures.DeploymentsPerDay,
            figures.MedianLeadTime?.TotalHours,
            figures.FailedChanges,
            figures.ChangeFailureRate,
            figures.MedianTimeToRestore?.TotalHours);
    }
}
