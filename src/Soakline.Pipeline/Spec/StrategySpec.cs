namespace Soakline.Pipeline.Spec;

/// <summary>How production traffic moves to a new release.</summary>
/// <param name="Steps">Canary traffic percentages, strictly increasing and ending at 100 (default 5/25/50/100).</param>
/// <param name="Soak">How long each stage runs under analysis before the next (default 30 min).</param>
/// <param name="ExpeditedSoak">The shorter soak used for expedited (hotfix) releases.</param>
/// <param name="BatchSize">Hosts switched at once by the rolling strategy.</param>
public sealed record StrategySpec(StrategyKind Kind, IReadOnlyList<int> Steps, TimeSpan Soak, TimeSpan ExpeditedSoak, int BatchSize);
