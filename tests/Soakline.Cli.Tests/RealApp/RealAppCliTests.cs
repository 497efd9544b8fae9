using System.Text.Json;
using Soakline.Cli.Tests.Infrastructure;
using Soakline.Demo.Kit.Scenario;
using Xunit.Abstractions;

namespace Soakline.Cli.Tests.RealApp;

/// <summary>
/// The CLI against the running app: the standalone process on Azurite with the demo's rig (local git repository and
/// GitHub API, hosts on this machine running the sample app). A push to develop is listed, then watched to its end.
/// </summary>
public sealed class RealAppCliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Lists_a_pipeline_and_watches_it_deploy_staging_to_its_end()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await using var rig = await RealAppRig.StartAsync(output, deadline.Token);
        var connection = RealAppRig.Connection(rig);
        var develop = await rig.Repository.HeadAsync("develop");
        var id = await rig.App.PushAsync(DemoRepository.FullName, "develop", DemoScenario.ZeroSha, develop, "Sample app", deadline.Token);

        var listed = await CliRun.StartAsync(["pipelines", "--repository", DemoRepository.FullName, "--json", .. connection], ct: deadline.Token);
        Assert.True(listed.ExitCode == ExitCodes.Success, listed.ToString());
        using (var list = JsonDocument.Parse(listed.Out))
        {
            Assert.Contains(id, list.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        }

        var table = await CliRun.StartAsync(["pipelines", .. connection], ct: deadline.Token);
        Assert.Contains(table.Out.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("develop", StringComparison.Ordinal) && l.Contains(develop[..7], StringComparison.Ordinal));

        var watch = await CliRun.StartAsync(["get", id, "--watch", "--interval", "250ms", .. connection], ct: deadline.Token);
        output.WriteLine("soakline get --watch:\n" + watch);
        Assert.True(watch.ExitCode == ExitCodes.Success, watch.ToString());
        var lines = watch.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ended: Deployed: ", lines[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("staging", StringComparison.Ordinal) && l.Contains("PipelineCompleted: Deployed", StringComparison.Ordinal));

        var shown = await CliRun.StartAsync(["get", id, .. connection], ct: deadline.Token);
        Assert.True(shown.ExitCode == ExitCodes.Success, shown.ToString());
        Assert.Contains("Ended: Deployed", shown.Out, StringComparison.Ordinal);
        output.WriteLine("soakline get:\n" + shown.Out);

        // Nothing waits for approval any more: whatever the app's reason, the CLI must not report a decision.
        var approve = await CliRun.StartAsync(["approve", id, "--comment", "too late", .. connection], ct: deadline.Token);
        Assert.True(approve.ExitCode == ExitCodes.Refused, approve.ToString());
        Assert.DoesNotContain("Approved", approve.Out, StringComparison.Ordinal);
        Assert.NotEmpty(approve.Error);

        var unknown = await CliRun.StartAsync(["get", id + "-nope", .. connection], ct: deadline.Token);
        Assert.Equal(ExitCodes.NotFound, unknown.ExitCode);

        var wrongKey = await CliRun.StartAsync(["pipelines", "--url", rig.App.BaseUrl.AbsoluteUri, "--api-key", "not-the-key"], ct: deadline.Token);
        Assert.Equal(ExitCodes.Unauthorized, wrongKey.ExitCode);
    }
}
