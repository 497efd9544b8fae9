using System.Collections.ObjectModel;
using Octokit;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using WorkflowRunStatus = Soakline.Pipeline.Ports.WorkflowRunStatus;

namespace Soakline.Integrations.GitHub;

/// <summary><see cref="ISourceControl"/> on GitHub's REST API through Octokit.</summary>
public sealed class GitHubSourceControl(IGitHubClient client, GitHubCallExecutor executor) : ISourceControl
{
    /// <summary>GitHub's compare API stops listing files here.</summary>
    private const int CompareFileLimit = 300;

    public async Task<CommitChecks> GetChecksAsync(CommitRef commit, IReadOnlyList<string> requiredChecks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(requiredChecks);
        var (owner, name) = (commit.Repository.Owner, commit.Repository.Name);
        var runs = await executor.RunAsync(
            Op("read check runs", commit.Repository, "checks: read"),
            () => client.Check.Run.GetAllForReference(owner, name, commit.Sha), cancellationToken).ConfigureAwait(false);
        var statuses = await executor.RunAsync(
            Op("read commit statuses", commit.Repository, "statuses: read"),
            () => client.Repository.Status.GetCombined(owner, name, commit.Sha), cancellationToken).ConfigureAwait(false);

        var results = new List<CheckResult>(requiredChecks.Count);
        foreach (var check in requiredChecks)
        {
            // A re-run creates a new check run with the same name: the newest one (highest id) is the one that counts.
            var run = runs.CheckRuns.Where(r => r.Name == check).MaxBy(r => r.Id);
            var status = statuses.Statuses.FirstOrDefault(s => s.Context == check);
            results.Add(run is not null
                ? new CheckResult(check, GitHubCheckMapping.FromCheckRun(run), run.DetailsUrl ?? run.HtmlUrl)
                : status is not null
                    ? new CheckResult(check, GitHubCheckMapping.FromCommitStatus(status), status.TargetUrl)
                    : new CheckResult(check, CheckState.Missing));
        }

        return new CommitChecks(results);
    }

    public Task DispatchWorkflowAsync(WorkflowDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatch.WorkflowFile, "dispatch.WorkflowFile");
        ArgumentException.ThrowIfNullOrWhiteSpace(dispatch.GitRef, "dispatch.GitRef");
        var request = new CreateWorkflowDispatch(dispatch.GitRef)
        {
            Inputs = dispatch.Inputs.ToDictionary(i => i.Key, i => (object)i.Value, StringComparer.Ordinal),
        };
        return executor.RunAsync(
            Op($"dispatch workflow {dispatch.WorkflowFile}", dispatch.Repository, "actions: write"),
            () => client.Actions.Workflows.CreateDispatch(dispatch.Repository.Owner, dispatch.Repository.Name, dispatch.WorkflowFile, request),
            cancellationToken);
    }

    public async Task<WorkflowRunStatus?> FindLatestWorkflowRunAsync(RepositoryRef repository, string workflowFile, string headSha, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(headSha);
        var response = await executor.RunAsync(
            Op($"list runs of workflow {workflowFile}", repository, "actions: read"),
            () => client.Actions.Workflows.Runs.ListByWorkflow(
                repository.Owner, repository.Name, workflowFile, new WorkflowRunsRequest { HeadSha = headSha }, new ApiOptions { PageCount = 1, PageSize = 30, StartPage = 1 }),
            cancellationToken).ConfigureAwait(false);
        var newest = response.WorkflowRuns.Where(r => r.HeadSha == headSha).MaxBy(r => r.CreatedAt);
        return newest is null ? null : GitHubCheckMapping.ToRunStatus(newest);
    }

    public async Task<string?> GetFileContentAsync(CommitRef commit, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var operation = Op($"read {path} at {commit.ShortSha}", commit.Repository, "contents: read");
        try
        {
            // The contents API (JSON, base64) rather than the raw media type: Octokit hands raw text bodies back as
            // strings, not bytes. Spec files are far below the API's 1 MB limit for inline content.
            var entries = await executor.RunAsync(
                operation,
                () => client.Repository.Content.GetAllContentsByRef(commit.Repository.Owner, commit.Repository.Name, path, commit.Sha),
                cancellationToken).ConfigureAwait(false);
            if (entries.Count != 1 || entries[0].Type.TryParse(out var type) && type != ContentType.File)
            {
                throw new SourceControlException($"'{path}' at {commit} is not a file (GitHub lists {entries.Count} entries there).") { IsPermanent = true };
            }

            return entries[0].Content ?? throw new SourceControlException(
                $"GitHub returned no inline content for '{path}' at {commit}; files over 1 MB are not supported as specs.") { IsPermanent = true };
        }
        catch (SourceControlException ex) when (ex.InnerException is NotFoundException)
        {
            // GitHub answers 404 both for a missing file and for a repository the credentials cannot see. Only the
            // first means "no file": asking for the repository tells them apart and gives the second a useful error.
            await executor.RunAsync(
                Op("read the repository", commit.Repository, "metadata: read"),
                () => client.Repository.Get(commit.Repository.Owner, commit.Repository.Name), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> GetChangedPathsAsync(RepositoryRef repository, string baseSha, string headSha, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseSha);
        ArgumentException.ThrowIfNullOrWhiteSpace(headSha);
        var comparison = await executor.RunAsync(
            Op($"compare {baseSha}...{headSha}", repository, "contents: read"),
            () => client.Repository.Commit.Compare(repository.Owner, repository.Name, baseSha, headSha), cancellationToken).ConfigureAwait(false);
        if (comparison.Files.Count < CompareFileLimit)
        {
            return PathsOf(comparison.Files);
        }

        // The compare API lists at most 300 files, silently. A truncated list would let a changed component go
        // undeployed, so a big comparison is rebuilt from its commits, each of which lists its own files.
        if (comparison.TotalCommits > comparison.Commits.Count)
        {
            throw new SourceControlException(
                $"{baseSha}...{headSha} on {repository} changes more than {CompareFileLimit} files across {comparison.TotalCommits} commits, more than GitHub lists; deploy all components.");
        }

        var files = new List<GitHubCommitFile>();
        foreach (var commit in comparison.Commits)
        {
            var detail = await executor.RunAsync(
                Op($"read the files of commit {commit.Sha}", repository, "contents: read"),
                () => client.Repository.Commit.Get(repository.Owner, repository.Name, commit.Sha), cancellationToken).ConfigureAwait(false);
            files.AddRange(detail.Files);
        }

        return PathsOf(files);
    }

    /// <summary>A rename changes both paths: a component that lived at the old path is affected too.</summary>
    private static List<string> PathsOf(IEnumerable<GitHubCommitFile> files) =>
        files.SelectMany(f => string.IsNullOrEmpty(f.PreviousFileName) ? [f.Filename] : new[] { f.Filename, f.PreviousFileName })
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public async Task<DeploymentRef> CreateDeploymentAsync(CommitRef commit, string environment, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        var request = new NewDeployment(commit.Sha)
        {
            Environment = environment,
            Description = GitHubCheckMapping.Truncate(description),
            AutoMerge = false,
            // Soakline has already gated on the checks it cares about; GitHub's own context check would refuse
            // deployments while unrelated checks are still pending.
            RequiredContexts = new Collection<string>(),
        };
        var deployment = await executor.RunAsync(
            Op($"create a deployment to {environment}", commit.Repository, "deployments: write"),
            () => client.Repository.Deployment.Create(commit.Repository.Owner, commit.Repository.Name, request), cancellationToken).ConfigureAwait(false);
        return new DeploymentRef(commit.Repository, deployment.Id, environment);
    }

    public Task SetDeploymentStatusAsync(DeploymentStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var deployment = update.Deployment;
        var request = new NewDeploymentStatus(GitHubCheckMapping.ToDeploymentState(update.State))
        {
            Description = GitHubCheckMapping.Truncate(update.Description),
            EnvironmentUrl = update.EnvironmentUrl?.AbsoluteUri,
            LogUrl = update.LogUrl?.AbsoluteUri,
            Environment = deployment.Environment,
        };
        return executor.RunAsync(
            Op($"set deployment {deployment.DeploymentId} to {update.State}", deployment.Repository, "deployments: write"),
            () => client.Repository.Deployment.Status.Create(deployment.Repository.Owner, deployment.Repository.Name, deployment.DeploymentId, request),
            cancellationToken);
    }

    public Task SetCommitStatusAsync(CommitRef commit, CommitStatusUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentException.ThrowIfNullOrWhiteSpace(update.Context, "update.Context");
        var request = new NewCommitStatus
        {
            State = GitHubCheckMapping.ToCommitState(update.State),
            Context = update.Context,
            Description = GitHubCheckMapping.Truncate(update.Description),
            TargetUrl = update.TargetUrl?.AbsoluteUri,
        };
        return executor.RunAsync(
            Op($"set commit status '{update.Context}' on {commit.ShortSha}", commit.Repository, "statuses: write"),
            () => client.Repository.Status.Create(commit.Repository.Owner, commit.Repository.Name, commit.Sha, request),
            cancellationToken);
    }

    private static GitHubOperation Op(string description, RepositoryRef repository, string permission) =>
        new(description, repository.FullName, permission);
}
