namespace Soakline.Cli.Models;

/// <summary>owner/name as the app serializes a repository.</summary>
internal sealed record RepositoryName(string Owner, string Name)
{
    public override string ToString() => $"{Owner}/{Name}";
}
