namespace Soakline.Cli.Models;

/// <summary>The push a pipeline runs for (the release orchestrator's input); only what the CLI shows.</summary>
internal sealed record PushInput(RepositoryName? Repository, string? Branch, string? Sha, string? Author = null, string? Message = null)
{
    public string ShortSha => Sha is { Length: > 7 } sha ? sha[..7] : Sha ?? string.Empty;
}
