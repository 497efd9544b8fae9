namespace Soakline.Pipeline.Spec;

/// <summary>
/// A validated pipeline spec (<c>.soakline.yml</c>): everything a run needs to decide what to deploy, where, and
/// how carefully. Instances come from <see cref="Loading.PipelineSpecLoader"/>, which fills defaults and rejects
/// invalid input, so orchestrators never re-check it.
/// </summary>
public sealed record PipelineSpec(
    int Version,
    IReadOnlyList<BranchRule> Branches,
    IReadOnlyList<EnvironmentSpec> Environments,
    IReadOnlyList<ComponentSpec> Components,
    GateSpec Gates,
    ApprovalSpec Approval,
    StrategySpec Strategy,
    AnalysisSpec Analysis,
    RetentionSpec Retention,
    NotificationSpec Notifications,
    MonitoringSpec Monitoring)
{
    public EnvironmentSpec? FindEnvironment(string name) =>
        Environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    public ComponentSpec? FindComponent(string name) =>
        Components.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
