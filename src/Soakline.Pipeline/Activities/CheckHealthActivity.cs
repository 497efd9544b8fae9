using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Probes one health URL.</summary>
public sealed class CheckHealthActivity(IHealthProbe probe) : TaskActivity<HealthCheckRequest, HealthCheckResult>
{
    public override async Task<HealthCheckResult> RunAsync(TaskActivityContext context, HealthCheckRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await probe.CheckAsync(input, CancellationToken.None).ConfigureAwait(false);
    }
}
