namespace Soakline.Chaos;

/// <summary>An environment's commits on its branch: where it branched from main, the baseline, the chaos release.</summary>
internal sealed record EnvironmentCommits(string Main, string Baseline, string Change);
