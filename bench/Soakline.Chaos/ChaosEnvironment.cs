namespace Soakline.Chaos;

/// <summary>
/// One production environment of the chaos fleet with its own branch and two hosts: first a baseline release goes to
/// both hosts (so a canary has a stable release to measure against and fall back to), then the chaos pipeline of
/// <see cref="Kind"/>.
/// </summary>
/// <param name="StartAfter">When, after the chaos starts, its baseline is pushed (pipelines are spread over the run).</param>
/// <param name="ApprovalDelay">How long the approver waits before approving the chaos pipeline (baselines: at once).</param>
internal sealed record ChaosEnvironment(string Name, PipelineKind Kind, IReadOnlyList<ChaosHost> Hosts, TimeSpan StartAfter, TimeSpan ApprovalDelay)
{
    public string Branch => $"chaos/{Name}";
}
