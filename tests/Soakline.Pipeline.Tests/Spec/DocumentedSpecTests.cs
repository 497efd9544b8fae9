using System.Text.RegularExpressions;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Spec.Loading;

namespace Soakline.Pipeline.Tests.Spec;

/// <summary>The examples in docs/pipeline-spec.md are real specs: they parse, validate and mean what the text says.</summary>
public sealed partial class DocumentedSpecTests
{
    internal static IReadOnlyList<string> DocumentedYamlBlocks()
    {
        var markdown = File.ReadAllText(Path.Combine(SpecText.RepositoryRoot(), "docs", "pipeline-spec.md"));
        return [.. YamlBlock().Matches(markdown).Select(m => m.Groups[1].Value)];
    }

    [Fact]
    public void The_full_example_parses_validates_and_mirrors_the_seeds()
    {
        var blocks = DocumentedYamlBlocks();
        Assert.Equal(2, blocks.Count);

        var result = PipelineSpecLoader.Load(blocks[0], "docs/pipeline-spec.md");

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var spec = result.Spec!;
        Assert.Equal(SpecDefaults.Branches, spec.Branches);
        Assert.Equal(["backend", "frontend"], spec.Components.Select(c => c.Name));
        Assert.Equal(4, spec.FindComponent("backend")!.HostsIn("production").Count);
        Assert.Equal([5, 25, 50, 100], spec.Strategy.Steps);
        Assert.Equal(TimeSpan.FromMinutes(30), spec.Strategy.Soak);
        Assert.True(spec.Gates.E2E!.RequiredForProduction);
        Assert.Equal(["ops-slack", "dev-teams"], spec.Notifications.ChannelsFor(Severity.Critical).Select(c => c.Name));
        Assert.Equal(5, spec.Monitoring.Checks.Count);
        Assert.Equal(
            [ThresholdKind.Max, ThresholdKind.Max, ThresholdKind.BaselinePlus, ThresholdKind.BaselineTimes],
            spec.Analysis.Metrics.Select(m => m.Threshold.Kind));
        Assert.Equal(new JudgeSpec(0.99, 0.2, JudgeDirection.HigherIsWorse, 20), spec.Analysis.Metrics[1].Judge);
        Assert.Single(spec.Analysis.Metrics, m => m.Judge is not null);
    }

    [Fact]
    public void The_smallest_example_is_valid_and_gets_the_defaults()
    {
        var spec = PipelineSpecLoader.Load(DocumentedYamlBlocks()[1]).GetSpecOrThrow();

        Assert.Equal(SpecDefaults.Strategy, spec.Strategy);
        Assert.Equal(SpecDefaults.Analysis, spec.Analysis);
        Assert.Equal("app", Assert.Single(spec.Components).Name);
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
