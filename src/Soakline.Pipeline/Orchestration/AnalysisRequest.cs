using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The input of one <see cref="SoakAnalysisOrchestrator"/> run: what to read and probe, for which releases.</summary>
public sealed record AnalysisRequest(
    IReadOnlyList<MetricSpec> Metrics,
    IReadOnlyList<HealthCheckRequest> Probes,
    ReleaseId CanaryRelease,
    ReleaseId? StableRelease);
