using System.Diagnostics;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Observability;

/// <summary>
/// Wraps the deploy target so every deploy and rollback is a span (component, release, commit, hosts, outcome) and
/// counted in <c>soakline.deploys</c>; the port itself stays free of telemetry.
/// </summary>
internal sealed class TracingDeployTarget(IDeployTarget inner) : IDeployTarget
{
    public Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TraceAsync("deploy", request.Target.Component, request.Release.Value, request.Commit.Sha, request.Hosts, () => inner.DeployAsync(request, cancellationToken));
    }

    public Task<DeployResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TraceAsync("rollback", request.Target.Component, request.ToRelease?.Value ?? "previous", null, request.Hosts, () => inner.RollbackAsync(request, cancellationToken));
    }

    public Task<IReadOnlyList<HostReleases>> GetReleasesAsync(ComponentTarget target, IReadOnlyList<string> hosts, CancellationToken cancellationToken) =>
        inner.GetReleasesAsync(target, hosts, cancellationToken);

    private static async Task<DeployResult> TraceAsync(string operation, string component, string release, string? commit, IReadOnlyList<string> hosts, Func<Task<DeployResult>> run)
    {
        using var activity = SoaklineTelemetry.Source.StartActivity($"{operation} {component}", ActivityKind.Client);
        activity?.SetTag("soakline.component", component).SetTag("soakline.release", release).SetTag("soakline.commit", commit).SetTag("soakline.hosts", string.Join(",", hosts));
        var outcome = "failed";
        try
        {
            var result = await run();
            outcome = result.AllSucceeded ? "succeeded" : "failed";
            if (!result.AllSucceeded)
            {
                activity?.SetStatus(ActivityStatusCode.Error, $"{result.Hosts.Count(h => !h.Succeeded)} of {result.Hosts.Count} hosts failed");
            }

            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            SoaklineTelemetry.Deploys.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("component", component), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
