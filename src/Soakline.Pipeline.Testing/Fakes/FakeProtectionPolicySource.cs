using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Policy;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Tests.Orchestration.Fakes;

/// <summary>The protection policy the harness runs under; tests replace <see cref="Policy"/> to tighten it.</summary>
internal sealed class FakeProtectionPolicySource : IProtectionPolicySource
{
    /// <summary>
    /// Allows what <see cref="TestSpecs.Default"/> does: acme/shop; staging from develop to stg-1; production from main
    /// and hotfix/* to prod-1..4, approved by lead@example.com, probed at shop.example.com.
    /// </summary>
    public static ProtectionPolicy Default { get; } = new(
        [new RepositoryRef("acme", "shop")],
        [
            new EnvironmentPolicy("staging", EnvironmentKind.Staging, ["develop"], false, ["lead@example.com"], TestSpecs.StagingHosts, []),
            new EnvironmentPolicy("production", EnvironmentKind.Production, ["main", "hotfix/*"], true, ["lead@example.com"], TestSpecs.ProductionHosts, ["shop.example.com"]),
        ]);

    public ProtectionPolicy Policy { get; set; } = Default;

    public int Reads { get; private set; }

    /// <summary>When set, every read throws it (the settings store unreachable).</summary>
    public Exception? Failure { get; set; }

    public Task<ProtectionPolicy> GetPolicyAsync(RepositoryRef repository, CancellationToken cancellationToken)
    {
        Reads++;
        return Failure is null ? Task.FromResult(Policy) : throw Failure;
    }
}
