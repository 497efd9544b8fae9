namespace Soakline.Integrations.Deploy.Artifacts;

/// <summary>Where standalone mode finds repositories on disk.</summary>
public sealed class LocalGitArtifactOptions
{
    /// <summary>Local clones by "owner/name"; a repository not listed here cannot be packaged.</summary>
    public IDictionary<string, string> Repositories { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string GitExecutable { get; set; } = "git";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
}
