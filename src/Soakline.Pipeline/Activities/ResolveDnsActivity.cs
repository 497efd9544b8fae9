using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Resolves a host name (monitor: DNS).</summary>
public sealed class ResolveDnsActivity(IEndpointInspector inspector) : TaskActivity<EndpointQuery, DnsResolution>
{
    public override async Task<DnsResolution> RunAsync(TaskActivityContext context, EndpointQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await inspector.ResolveAsync(input.Host, CancellationToken.None).ConfigureAwait(false);
    }
}
