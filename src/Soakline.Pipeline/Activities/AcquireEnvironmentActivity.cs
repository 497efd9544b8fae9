using Soakline.Pipeline.Spec;
using Soakline.Durable;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <summary>Asks for the right to change an environment (one mutating pipeline per environment).</summary>
public sealed class AcquireEnvironmentActivity(IReleaseStore store) : TaskActivity<EnvironmentLeaseRequest, EnvironmentLease>
{
    public override async Task<EnvironmentLease> RunAsync(TaskActivityContext context, EnvironmentLeaseRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await store.AcquireEnvironmentAsync(input.Environment, input.Holder, input.Mode, CancellationToken.None).ConfigureAwait(false);
    }
}

public sealed record EnvironmentLeaseRequest(string Environment, string Holder, ConcurrencyMode Mode);
