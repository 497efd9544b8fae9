using System.Text;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Releases;

/// <summary>
/// The release pipeline's instance id for a push: <c>release:owner:name:branch:sha</c>, so a redelivered push finds the
/// run it already started. Characters instance ids may not contain ('/', '\', '#', '?', ':' inside parts) become '~'.
/// </summary>
public static class ReleaseInstanceIds
{
    public const string Prefix = "release:";

    public static string ForPush(CommitRef commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrEmpty(commit.Branch, nameof(commit));
        return Prefix + string.Join(':', new[] { commit.Repository.Owner, commit.Repository.Name, commit.Branch!, commit.Sha.ToLowerInvariant() }.Select(Safe));
    }

    /// <summary>The id prefix shared by a repository's pipelines, or by those of one branch of it.</summary>
    public static string PrefixFor(RepositoryRef repository, string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var parts = branch is null ? new[] { repository.Owner, repository.Name } : new[] { repository.Owner, repository.Name, branch };
        return Prefix + string.Join(':', parts.Select(Safe)) + ":";
    }

    private static string Safe(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            builder.Append(c is '/' or '\\' or '#' or '?' or ':' || char.IsControl(c) ? '~' : c);
        }

        return builder.ToString();
    }
}
