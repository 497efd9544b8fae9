using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Reads the TLS certificate a host presents (monitor: TLS expiry).</summary>
public sealed class InspectCertificateActivity(IEndpointInspector inspector) : TaskActivity<EndpointQuery, CertificateInfo>
{
    public override async Task<CertificateInfo> RunAsync(TaskActivityContext context, EndpointQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await inspector.GetCertificateAsync(input.Host, input.Port, CancellationToken.None).ConfigureAwait(false);
    }
}
