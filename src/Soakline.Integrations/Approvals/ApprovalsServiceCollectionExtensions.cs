using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Soakline.Integrations.Approvals;

internal static class ApprovalsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the token signer and redeemer. The nonce ledger defaults to <see cref="InMemoryNonceLedger"/>; a host
    /// with more than one instance must register a persistent <see cref="INonceLedger"/> first.
    /// </summary>
    public static IServiceCollection AddSoaklineApprovalTokens(this IServiceCollection services, ApprovalTokenSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(new ApprovalTokenSigner(settings));
        services.TryAddSingleton<INonceLedger>(sp => new InMemoryNonceLedger(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new ApprovalTokenRedeemer(
            sp.GetRequiredService<ApprovalTokenSigner>(), sp.GetRequiredService<INonceLedger>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
