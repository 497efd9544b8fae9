namespace Soakline.Chaos;

/// <summary>One pushed pipeline: which environment, whether it is the baseline or the chaos release, its commit and instance.</summary>
internal sealed record ChaosPipeline(ChaosEnvironment Environment, bool IsBaseline, string Commit, string InstanceId)
{
    public string Label => $"{Environment.Name} {(IsBaseline ? "baseline" : Environment.Kind.ToString())}";

    /// <summary>The release id suffix of this commit (release ids end with the 7-character short SHA).</summary>
    public string ShortSha => Commit[..7];

    /// <summary>How the pipeline must end: released (a canary promoted through its stages), or rolled back.</summary>
    public bool MustRollBack => !IsBaseline && Environment.Kind == PipelineKind.Breach;
}
