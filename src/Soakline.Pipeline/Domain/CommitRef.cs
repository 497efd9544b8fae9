namespace Soakline.Pipeline.Domain;

/// <summary>One commit of one repository, with the branch it was pushed to when that is known.</summary>
public sealed record CommitRef(RepositoryRef Repository, string Sha, string? Branch = null)
{
    /// <summary>The 7-character abbreviation used in release ids and messages.</summary>
    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    public override string ToString() => $"{Repository.FullName}@{ShortSha}";
}
