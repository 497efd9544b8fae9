using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Webhooks;

/// <summary>A completed workflow run or check suite for a commit: the pipeline waiting on that commit's CI hears of it.</summary>
/// <param name="Kind">"workflow_run" or "check_suite".</param>
/// <param name="Name">The workflow name, or the check suite's app.</param>
/// <param name="Conclusion">GitHub's conclusion: success, failure, cancelled, ...</param>
internal sealed record CiCompleted(string Kind, RepositoryRef Repository, string? Branch, string Sha, string Name, string? Conclusion, long Id, string? HtmlUrl);
