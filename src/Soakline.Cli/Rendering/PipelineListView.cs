using Soakline.Cli.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Soakline.Cli.Rendering;

/// <summary><c>soakline pipelines</c>: one row per pipeline, newest first, as the API returns them.</summary>
internal static class PipelineListView
{
    public static IRenderable Render(IReadOnlyList<PipelineSummary> pipelines)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        if (pipelines.Count == 0)
        {
            return new Text("No pipelines match.");
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Id", "Repository", "Branch", "Commit", "Status", "Stage", "Updated (UTC)");
        foreach (var pipeline in pipelines)
        {
            var push = pipeline.Push;
            table.AddRow(
                new Text(pipeline.Id),
                new Text(push?.Repository?.ToString() ?? "–"),
                new Text(push?.Branch ?? "–"),
                new Text(push?.ShortSha ?? "–"),
                StuckText.Status(pipeline),
                new Text(pipeline.Progress?.Stage ?? "–"),
                new Text(pipeline.LastUpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var stuck = StuckText.Lines(pipelines).ToList();
        return stuck.Count == 0 ? table : new Rows([table, .. stuck]);
    }
}
