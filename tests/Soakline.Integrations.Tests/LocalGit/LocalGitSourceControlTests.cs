using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Integrations.LocalGit;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Tests.LocalGit;

/// <summary>The local source control against a real git repository: what it reads from the clone and what it keeps in it.</summary>
public sealed class LocalGitSourceControlTests : IDisposable
{
    private static readonly RepositoryRef Repository = LocalClone.Repository;
    private readonly LocalClone _clone = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly CommitRef _first;
    private readonly CommitRef _second;

    public LocalGitSourceControlTests()
    {
        _first = Commit("main", new() { [".soakline.yml"] = "version: 1\n", ["api/a.txt"] = "1", ["web/b.txt"] = "same" });
        _clone.Git("mv", "web/b.txt", "web/c.txt");
        _second = Commit("main", new() { ["api/a.txt"] = "2", ["docs/readme.md"] = "hi" });
    }

    public void Dispose() => _clone.Dispose();

    [Fact]
    public async Task A_file_is_read_at_the_commit_and_a_missing_one_is_null()
    {
        var git = Create();

        Assert.Equal("version: 1\n", await git.GetFileContentAsync(_first, ".soakline.yml", CancellationToken.None));
        Assert.Equal("1", await git.GetFileContentAsync(_first, "api/a.txt", CancellationToken.None));
        Assert.Equal("2", await git.GetFileContentAsync(_second, "api/a.txt", CancellationToken.None));
        Assert.Null(await git.GetFileContentAsync(_first, "docs/readme.md", CancellationToken.None));

        var folder = await Assert.ThrowsAsync<SourceControlException>(() => git.GetFileContentAsync(_second, "docs", CancellationToken.None));
        Assert.True(folder.IsPermanent);
        Assert.Contains("'docs'", folder.Message, StringComparison.Ordinal);
        Assert.Contains("not a file", folder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_paths_are_what_the_head_changed_since_the_branches_diverged_with_both_paths_of_a_move()
    {
        _clone.Git("checkout", "-q", "-b", "feature/x", _first.Sha);
        var feature = Commit("feature/x", new() { ["feature.txt"] = "x" });
        var git = Create();

        var changed = await git.GetChangedPathsAsync(Repository, _first.Sha, _second.Sha, CancellationToken.None);
        Assert.Equal(["api/a.txt", "docs/readme.md", "web/b.txt", "web/c.txt"], changed.Order(StringComparer.Ordinal));

        // As GitHub's compare (base...head): the feature's own file is not among main's changes.
        var sinceFeature = await git.GetChangedPathsAsync(Repository, feature.Sha, _second.Sha, CancellationToken.None);
        Assert.DoesNotContain("feature.txt", sinceFeature);
        Assert.Equal(changed.Order(StringComparer.Ordinal), sinceFeature.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_commit_or_repository_the_clones_do_not_have_is_a_permanent_error_saying_which()
    {
        var git = Create();

        var unknown = await Assert.ThrowsAsync<SourceControlException>(() => git.GetFileContentAsync(_first with { Sha = "0123456789abcdef0123456789abcdef01234567" }, ".soakline.yml", CancellationToken.None));
        Assert.True(unknown.IsPermanent);
        Assert.Contains("is not in the local clone of acme/shop", unknown.Message, StringComparison.Ordinal);

        var option = await Assert.ThrowsAsync<SourceControlException>(() => git.GetFileContentAsync(_first with { Sha = "--output=/tmp/x" }, ".soakline.yml", CancellationToken.None));
        Assert.Contains("is not a hexadecimal commit SHA", option.Message, StringComparison.Ordinal);

        var elsewhere = await Assert.ThrowsAsync<SourceControlException>(() => git.GetFileContentAsync(new CommitRef(new RepositoryRef("acme", "web"), _first.Sha), ".soakline.yml", CancellationToken.None));
        Assert.True(elsewhere.IsPermanent);
        Assert.Contains("Soakline__LocalGit__Repositories__acme/web", elsewhere.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_status_set_through_the_adapter_counts_as_a_check_and_the_newest_one_wins()
    {
        var git = Create();
        string[] required = ["build", "lint", "e2e"];

        var none = await git.GetChecksAsync(_second, required, CancellationToken.None);
        Assert.All(none.Checks, c => Assert.Equal(CheckState.Missing, c.State));
        Assert.False(none.AllSucceeded);

        await git.SetCommitStatusAsync(_second, new CommitStatusUpdate("build", CommitStatusState.Success, "built", new Uri("http://ci.local/1")), CancellationToken.None);
        await git.SetCommitStatusAsync(_second, new CommitStatusUpdate("lint", CommitStatusState.Pending, "linting"), CancellationToken.None);
        await git.SetCommitStatusAsync(_second, new CommitStatusUpdate("lint", CommitStatusState.Error, "lint crashed"), CancellationToken.None);
        await git.SetCommitStatusAsync(_first, new CommitStatusUpdate("e2e", CommitStatusState.Success, "another commit's"), CancellationToken.None);

        // Read by a new adapter, as after a restart: the statuses live in the clone, not in the process.
        var checks = (await Create().GetChecksAsync(_second, required, CancellationToken.None)).Checks.ToDictionary(c => c.Name);
        Assert.Equal(CheckState.Success, checks["build"].State);
        Assert.Equal("http://ci.local/1", checks["build"].DetailsUrl);
        Assert.Equal(CheckState.Failure, checks["lint"].State);
        Assert.Equal(CheckState.Missing, checks["e2e"].State);
        Assert.True(File.Exists(Path.Combine(_clone.Path, ".git", "soakline", "commit-statuses.json")));
        Assert.Empty(_clone.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task Deployments_and_their_statuses_are_kept_in_the_clone_with_growing_ids()
    {
        var git = Create();

        var staging = await git.CreateDeploymentAsync(_second, "staging", "20261207T090000Z-abc", CancellationToken.None);
        var production = await git.CreateDeploymentAsync(_second, "production", "20261207T090000Z-abc", CancellationToken.None);
        await git.SetDeploymentStatusAsync(new DeploymentStatusUpdate(staging, DeploymentState.InProgress, "deploying"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await Create().SetDeploymentStatusAsync(new DeploymentStatusUpdate(staging, DeploymentState.Success, "deployed", new Uri("http://staging.local/")), CancellationToken.None);

        Assert.Equal((1, 2), (staging.DeploymentId, production.DeploymentId));
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_clone.Path, ".git", "soakline", "deployments.json")));
        var first = file.RootElement[0];
        Assert.Equal(_second.Sha, first.GetProperty("sha").GetString());
        Assert.Equal("staging", first.GetProperty("environment").GetString());
        Assert.Equal(["inProgress", "success"], first.GetProperty("statuses").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal(_clock.GetUtcNow(), first.GetProperty("statuses")[1].GetProperty("at").GetDateTimeOffset());

        var missing = await Assert.ThrowsAsync<SourceControlException>(() => git.SetDeploymentStatusAsync(new DeploymentStatusUpdate(staging with { DeploymentId = 99 }, DeploymentState.Failure), CancellationToken.None));
        Assert.Contains("deployment 99", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_e2e_workflow_fails_at_once_naming_the_spec_field_and_github()
    {
        var git = Create();

        var dispatch = await Assert.ThrowsAsync<SourceControlException>(() => git.DispatchWorkflowAsync(new WorkflowDispatch(Repository, "e2e-staging.yml", "main", new Dictionary<string, string>()), CancellationToken.None));
        var find = await Assert.ThrowsAsync<SourceControlException>(() => git.FindLatestWorkflowRunAsync(Repository, "e2e-staging.yml", _second.Sha, CancellationToken.None));

        foreach (var error in new[] { dispatch, find })
        {
            Assert.True(error.IsPermanent);
            Assert.StartsWith("e2e: ", error.Message, StringComparison.Ordinal);
            Assert.Contains("'e2e-staging.yml' needs GitHub Actions", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Beside_another_source_control_each_repository_is_served_by_its_own()
    {
        using var other = new LocalClone();
        var web = new RepositoryRef("acme", "web");
        var onWeb = other.Commit("main", new Dictionary<string, string> { [".soakline.yml"] = "web\n" });
        var remoteClones = Clones((web, other.Path));
        var local = Clones((Repository, _clone.Path));
        var routed = new LocalFirstSourceControl(local, new LocalGitSourceControl(local, _clock), new LocalGitSourceControl(remoteClones, _clock));

        Assert.Equal("version: 1\n", await routed.GetFileContentAsync(_first, ".soakline.yml", CancellationToken.None));
        Assert.Equal("web\n", await routed.GetFileContentAsync(new CommitRef(web, onWeb), ".soakline.yml", CancellationToken.None));
    }

    private LocalGitSourceControl Create() => new(Clones((Repository, _clone.Path)), _clock);

    private static LocalGitClones Clones(params (RepositoryRef Repository, string Path)[] clones)
    {
        var options = new LocalGitArtifactOptions();
        foreach (var (repository, path) in clones)
        {
            options.Repositories[repository.FullName] = path;
        }

        return new LocalGitClones(options);
    }

    private CommitRef Commit(string branch, Dictionary<string, string> files) => new(Repository, _clone.Commit(branch, files), branch);
}
