using Soakline.Demo.Kit.Processes;
using Soakline.Demo.Kit.Scenario;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Integrations.Tests.Fixtures;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.EndToEnd.Tests.Deploy;

/// <summary>The demo repository's <c>.soakline.yml</c> passes the real spec loader and describes a demo that fits in minutes.</summary>
public sealed class DemoRepositorySpecTests : IDisposable
{
    private readonly TempDirectory _folder = new("demo-spec");

    [Fact]
    public async Task The_created_repository_has_a_valid_spec_with_short_soaks_and_two_production_hosts()
    {
        var repository = await DemoRepository.CreateAsync(BuildLocations.SamplesFolder, _folder.Combine("repo"));

        var loaded = await PipelineSpecLoader.LoadFileAsync(Path.Combine(repository.Path, PipelineSpecLoader.FileName));

        Assert.True(loaded.IsValid, string.Join('\n', loaded.Errors));
        var spec = loaded.Spec!;
        Assert.Equal([5, 25, 50, 100], spec.Strategy.Steps);
        Assert.InRange(spec.Strategy.Soak, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.InRange(spec.Analysis.Interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Null(spec.Gates.E2E);
        Assert.Empty(spec.Gates.RequiredChecks);
        var app = Assert.Single(spec.Components);
        Assert.True(app.HostsIn("production").Count >= 2, "production needs two hosts or more for a canary");
        Assert.NotEmpty(app.HostsIn("staging"));
        Assert.NotNull(app.Health);
        Assert.Equal(BranchMode.Approval, spec.Branches.Single(b => b.Pattern == "main").Mode);

        // One dry-run metric for the demo to show beside the live ones; the live ones alone decide.
        var dryRun = Assert.Single(spec.Analysis.Metrics, m => m.DryRun);
        Assert.Equal("latency-p99", dryRun.Name);
        Assert.Contains(spec.Analysis.Metrics, m => m is { Name: "error-rate", DryRun: false });
    }

    [Fact]
    public async Task The_spec_commands_name_scripts_that_the_repository_contains()
    {
        var repository = await DemoRepository.CreateAsync(BuildLocations.SamplesFolder, _folder.Combine("repo"));
        var app = (await PipelineSpecLoader.LoadFileAsync(Path.Combine(repository.Path, PipelineSpecLoader.FileName))).GetSpecOrThrow().Components.Single();

        foreach (var command in new[] { app.DeployCommand, app.RestartCommand })
        {
            Assert.NotNull(command);
            var script = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            Assert.True(File.Exists(Path.Combine(repository.Path, script)), $"'{command}' runs {script}, which the demo repository does not contain");
        }

        Assert.True(File.Exists(Path.Combine(repository.Path, "app", "Soakline.SampleApp.csproj")));
        Assert.False(Directory.Exists(Path.Combine(repository.Path, "app", "bin")), "build output must not be copied into the demo repository");
    }

    [Fact]
    public async Task A_soak_given_at_creation_is_committed_on_main_and_develop_for_every_stage_expedited_or_not()
    {
        var template = (await PipelineSpecLoader.LoadFileAsync(Path.Combine(BuildLocations.SamplesFolder, "demo-repo", PipelineSpecLoader.FileName))).GetSpecOrThrow();

        var repository = await DemoRepository.CreateAsync(BuildLocations.SamplesFolder, _folder.Combine("repo"), soak: TimeSpan.FromSeconds(9));

        var committed = await Shell.RunAsync(repository.Path, "git", "show", $"develop:{PipelineSpecLoader.FileName}");
        var specPath = _folder.Combine("committed.yml");
        await File.WriteAllTextAsync(specPath, committed);
        var spec = (await PipelineSpecLoader.LoadFileAsync(specPath)).GetSpecOrThrow();
        Assert.Equal(TimeSpan.FromSeconds(9), spec.Strategy.Soak);
        Assert.Equal(TimeSpan.FromSeconds(9), spec.Strategy.ExpeditedSoak);
        Assert.Equal(template.Strategy.Steps, spec.Strategy.Steps);
        Assert.Equal(template.Strategy.Kind, spec.Strategy.Kind);
        Assert.Equal(template.Analysis.Interval, spec.Analysis.Interval);
        Assert.Equal(await repository.HeadAsync("main"), await repository.HeadAsync("develop"));
        Assert.Empty(await Shell.RunAsync(repository.Path, "git", "status", "--porcelain"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3000)]
    [InlineData(1500)]
    public async Task A_soak_that_the_spec_cannot_say_in_whole_seconds_is_refused_before_anything_is_created(int milliseconds)
    {
        var path = _folder.Combine("repo");

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DemoRepository.CreateAsync(BuildLocations.SamplesFolder, path, soak: TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal("soak", refused.ParamName);
        Assert.False(Directory.Exists(path), "a refused soak must not leave a repository behind");
    }

    public void Dispose() => _folder.Dispose();
}
