using Soakline.Pipeline.Orchestration;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>docs/pipeline.md's table of endings covers every ReleaseStatus, so a new one cannot go undocumented.</summary>
public sealed class EndingsTableTests
{
    [Fact]
    public void Every_release_status_has_a_row_in_the_endings_table()
    {
        var markdown = File.ReadAllText(Path.Combine(SpecText.RepositoryRoot(), "docs", "pipeline.md"));
        var table = markdown[markdown.IndexOf("## How a pipeline ends", StringComparison.Ordinal)..];

        var missing = Enum.GetNames<ReleaseStatus>().Where(name => !table.Contains($"| `{name}`", StringComparison.Ordinal) && !table.Contains($"/ `{name}`", StringComparison.Ordinal));

        Assert.Empty(missing);
    }
}
