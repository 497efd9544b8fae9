using Soakline.Functions.Tests.Infrastructure;
using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Integrations.LocalGit;

namespace Soakline.Integrations.Tests.LocalGit;

/// <summary>Resolving a release request's commit and branch in a real clone, and refusing what the clone does not hold as asked.</summary>
public sealed class LocalGitCommitsTests : IDisposable
{
    private readonly LocalClone _clone = new();
    private readonly string _onMain;
    private readonly string _onDevelop;
    private readonly LocalGitCommits _commits;

    public LocalGitCommitsTests()
    {
        _onMain = _clone.Commit("main", new Dictionary<string, string> { ["a.txt"] = "1" }, "first");
        _onDevelop = _clone.Commit("develop", new Dictionary<string, string> { ["a.txt"] = "2" }, "Develop work\n\nwith a body");
        var options = new LocalGitArtifactOptions();
        options.Repositories[LocalClone.Repository.FullName] = _clone.Path;
        _commits = new LocalGitCommits(new LocalGitClones(options));
    }

    public void Dispose() => _clone.Dispose();

    [Fact]
    public async Task A_short_sha_on_the_named_branch_resolves_to_the_full_commit_with_its_author_time_and_message()
    {
        var commit = await _commits.ResolveAsync(LocalClone.Repository, _onDevelop[..9].ToUpperInvariant(), "develop", CancellationToken.None);

        Assert.Equal(_onDevelop, commit.Sha);
        Assert.Equal("develop", commit.Branch);
        Assert.Equal("Dev Eloper", commit.Author);
        Assert.Equal("Develop work\n\nwith a body", commit.Message);
        Assert.Equal(_clone.Git("show", "-s", "--format=%cI", _onDevelop).Trim(), commit.CommittedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Without_a_branch_the_only_branch_holding_the_commit_is_used()
    {
        Assert.Equal("develop", (await _commits.ResolveAsync(LocalClone.Repository, _onDevelop, null, CancellationToken.None)).Branch);
        Assert.Equal("main", (await _commits.ResolveAsync(LocalClone.Repository, _onMain, "main", CancellationToken.None)).Branch);
    }

    [Theory]
    [InlineData("{develop}", "main", "branch", "is not on branch 'main'")]
    [InlineData("{main}", null, "branch", "is on several branches (develop, main)")]
    [InlineData("{develop}", "release/1", "branch", "has no branch 'release/1'")]
    [InlineData("{develop}", "bad..name", "branch", "'bad..name' is not a valid branch name")]
    [InlineData("{develop}", "--upload-pack=x", "branch", "is not a valid branch name")]
    [InlineData("0123456789abcdef0123", "main", "commit", "is not a commit in the local clone of acme/shop")]
    [InlineData("HEAD", "main", "commit", "'HEAD' is not a commit SHA")]
    public async Task What_the_clone_does_not_hold_as_asked_is_refused_naming_the_field(string commit, string? branch, string field, string message)
    {
        var sha = commit.Replace("{develop}", _onDevelop, StringComparison.Ordinal).Replace("{main}", _onMain, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<LocalCommitRefusedException>(() => _commits.ResolveAsync(LocalClone.Repository, sha, branch, CancellationToken.None));

        Assert.Equal(field, refused.Field);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
