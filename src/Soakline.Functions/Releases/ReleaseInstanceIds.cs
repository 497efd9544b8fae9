using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Releases;

/// <summary>
/// Prefixes of the release pipelines' instance ids (<see cref="PipelineInstanceIds.ForPush"/>:
/// <c>release:owner:name:branch:sha</c>), for listing a repository's or a branch's pipelines.
/// </summary>
internal static class ReleaseInstanceIds
{
    public const string Prefix = "release:";

    /// <summary>
    /// The longest release pipeline id accepted. The engines take instance ids of up to 256 characters; a release's
    /// environment runs append ":environment" to its id, so the release keeps 56 of them free.
    /// </summary>
    public const int MaxLength = 200;

    /// <summary>The longest instance id the engines take.</summary>
    public const int EngineMaxLength = 256;

    /// <summary>
    /// Whether any instance could have this id. The engines refuse ids with '/', '\', '#', '?' or control characters
    /// (Azure Storage keys cannot hold them), blank ids, or ids longer than <see cref="EngineMaxLength"/>, and throw when
    /// asked for one; a request naming such an id names no pipeline.
    /// </summary>
    public static bool CouldExist(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= EngineMaxLength && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>The id prefix shared by a repository's pipelines, or by those of one branch of it.</summary>
    public static string PrefixFor(RepositoryRef repository, string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(repository);

        // Built from the pipeline's own ids, so the escaping of owner, name and branch stays the pipeline's.
        const string Sha = "0";
        const string AnyBranch = "b";
        var id = PipelineInstanceIds.ForPush(new CommitRef(repository, Sha, branch ?? AnyBranch));
        return id[..^(branch is null ? AnyBranch.Length + 1 + Sha.Length : Sha.Length)];
    }
}
