using Octokit;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Incidents as GitHub issues in <see cref="GitHubSettings.IncidentRepository"/>: every incident issue carries
/// <see cref="GitHubSettings.IncidentLabel"/> and a hidden key marker, so the one open issue for a key is found among
/// the open labelled issues; updates become comments, recovery closes it.
/// </summary>
internal sealed class GitHubIncidentTracker : IIncidentTracker
{
    private readonly IGitHubClient _client;
    private readonly GitHubCallExecutor _executor;
    private readonly RepositoryRef _repository;
    private readonly string _label;

    public GitHubIncidentTracker(IGitHubClient client, GitHubCallExecutor executor, GitHubSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _client = client;
        _executor = executor;
        _repository = settings.GetIncidentRepository();
        _label = settings.IncidentLabel;
    }

    public async Task<IncidentRef> OpenOrUpdateAsync(IncidentReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        IncidentIssueMarker.Validate(report.Key);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.Title, "report.Title");
        var open = await FindOpenIssueAsync(report.Key, cancellationToken).ConfigureAwait(false);
        if (open is not null)
        {
            await _executor.RunAsync(
                Op($"comment on incident issue #{open.Number}", "issues: write"),
                () => _client.Issue.Comment.Create(_repository.Owner, _repository.Name, open.Number, $"**{report.Severity}**: {report.Title}\n\n{report.Body}"),
                cancellationToken).ConfigureAwait(false);
            return ToRef(report.Key, open, created: false);
        }

        var issue = new NewIssue(report.Title) { Body = $"{IncidentIssueMarker.For(report.Key)}\n{report.Body}" };
        foreach (var label in new[] { _label, $"severity:{report.Severity.ToString().ToLowerInvariant()}" }.Concat(report.Labels).Distinct(StringComparer.Ordinal))
        {
            issue.Labels.Add(label);
        }

        var createdIssue = await _executor.RunAsync(
            Op("open an incident issue", "issues: write"),
            () => _client.Issue.Create(_repository.Owner, _repository.Name, issue), cancellationToken).ConfigureAwait(false);
        return ToRef(report.Key, createdIssue, created: true);
    }

    public async Task<bool> ResolveAsync(string key, string resolution, CancellationToken cancellationToken)
    {
        IncidentIssueMarker.Validate(key);
        var open = await FindOpenIssueAsync(key, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            return false;
        }

        await _executor.RunAsync(
            Op($"comment on incident issue #{open.Number}", "issues: write"),
            () => _client.Issue.Comment.Create(_repository.Owner, _repository.Name, open.Number, $"Resolved: {resolution}"),
            cancellationToken).ConfigureAwait(false);
        await _executor.RunAsync(
            Op($"close incident issue #{open.Number}", "issues: write"),
            () => _client.Issue.Update(_repository.Owner, _repository.Name, open.Number, new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed }),
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<Issue?> FindOpenIssueAsync(string key, CancellationToken cancellationToken)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open, Filter = IssueFilter.All };
        request.Labels.Add(_label);
        var issues = await _executor.RunAsync(
            Op("list open incident issues", "issues: read"),
            () => _client.Issue.GetAllForRepository(_repository.Owner, _repository.Name, request), cancellationToken).ConfigureAwait(false);

        // The issues API lists pull requests too; only issues are incidents. Oldest first, so a duplicate opened by a
        // race keeps receiving nothing and the original stays the single thread.
        return issues.Where(i => i.PullRequest is null && IncidentIssueMarker.IsFor(i.Body, key)).MinBy(i => i.Number);
    }

    private GitHubOperation Op(string description, string permission) => new(description, _repository.FullName, permission);

    private static IncidentRef ToRef(string key, Issue issue, bool created) =>
        new(key, issue.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Uri.TryCreate(issue.HtmlUrl, UriKind.Absolute, out var url) ? url : null, created);
}
