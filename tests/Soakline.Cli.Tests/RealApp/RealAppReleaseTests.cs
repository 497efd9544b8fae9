using System.Text.Json;
using Soakline.Cli.Tests.Infrastructure;
using Soakline.Demo.Kit.Scenario;
using Xunit.Abstractions;

namespace Soakline.Cli.Tests.RealApp;

/// <summary>
/// <c>soakline release</c> against the running standalone app on Azurite whose only source control is the demo
/// repository's local clone (no GitHub settings at all): a commit of develop is released, its pipeline reads the spec
/// from the clone and deploys staging to its end; the records GitHub would keep land in the clone's git directory.
/// </summary>
public sealed class RealAppReleaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Releases_a_local_commit_without_github_and_watches_it_deploy_staging_to_its_end()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var rig = await RealAppRig.StartAsync(output, deadline.Token, connectGitHub: false);
        var connection = RealAppRig.Connection(rig);
        var develop = await rig.Repository.HeadAsync("develop");
        var mainOnly = await rig.Repository.CommitAsync("Notes on main only", new Dictionary<string, string> { ["NOTES.md"] = "main only\n" });

        var notOnBranch = await CliRun.StartAsync(["release", DemoRepository.FullName, mainOnly, "--branch", "develop", .. connection], ct: deadline.Token);
        Assert.True(notOnBranch.ExitCode == ExitCodes.Refused, notOnBranch.ToString());
        Assert.Contains($"is not on branch 'develop'", notOnBranch.Error, StringComparison.Ordinal);

        var released = await CliRun.StartAsync(["release", DemoRepository.FullName, develop, "--branch", "develop", "--watch", "--interval", "250ms", .. connection], ct: deadline.Token);
        output.WriteLine("soakline release --watch:\n" + released);
        Assert.True(released.ExitCode == ExitCodes.Success, released.ToString());
        var lines = released.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"Release of {DemoRepository.FullName}@{develop[..7]} on develop started: release:", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("staging", StringComparison.Ordinal) && l.Contains("PipelineCompleted: Deployed", StringComparison.Ordinal));
        Assert.StartsWith("ended: Deployed: ", lines[^1], StringComparison.Ordinal);
        var id = lines[0][(lines[0].LastIndexOf(": ", StringComparison.Ordinal) + 2)..];

        // develop's commit is on main too by now (main moved on from it), so asking again names the branch.
        var again = await CliRun.StartAsync(["release", DemoRepository.FullName, develop[..12], "--branch", "develop", "--json", .. connection], ct: deadline.Token);
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        using (var reply = JsonDocument.Parse(again.Out))
        {
            Assert.Equal("exists", reply.RootElement.GetProperty("status").GetString());
            Assert.Equal(id, reply.RootElement.GetProperty("instanceId").GetString());
        }

        // What GitHub would have kept: the staging deployment of this commit, ended successful, in the clone.
        using var deployments = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(rig.Repository.Path, ".git", "soakline", "deployments.json"), deadline.Token));
        var staging = Assert.Single(deployments.RootElement.EnumerateArray(), d => d.GetProperty("sha").GetString() == develop);
        Assert.Equal("staging", staging.GetProperty("environment").GetString());
        Assert.Equal("success", staging.GetProperty("statuses").EnumerateArray().Last().GetProperty("state").GetString());
    }
}
