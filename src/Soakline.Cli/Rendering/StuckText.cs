using System.Globalization;
using Soakline.Cli.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Soakline.Cli.Rendering;

/// <summary>How <c>soakline pipelines</c> and <c>soakline get</c> show a stuck pipeline: "stuck since ... UTC: reason".</summary>
internal static class StuckText
{
    private static readonly Style Alarm = new(Color.Red, decoration: Decoration.Bold);

    public static string Sentence(StuckReading stuck)
    {
        ArgumentNullException.ThrowIfNull(stuck);
        var incident = stuck.Incident is { } url ? $" (incident: {url.AbsoluteUri})" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"stuck since {stuck.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {stuck.Reason}{incident}");
    }

    /// <summary>The status cell of a listed pipeline: its runtime status, and "Stuck" below it when it is.</summary>
    public static IRenderable Status(PipelineSummary pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Stuck is null ? StatusView.Runtime(pipeline.RuntimeStatus) : new Rows(StatusView.Runtime(pipeline.RuntimeStatus), new Text("Stuck", Alarm));
    }

    /// <summary>One line per stuck pipeline under the list, each naming its id (the table's cells are too narrow for the reason).</summary>
    public static IEnumerable<IRenderable> Lines(IEnumerable<PipelineSummary> pipelines) =>
        pipelines.Where(p => p.Stuck is not null).Select(p => (IRenderable)new Text($"{p.Id}: {Sentence(p.Stuck!)}", Alarm));

    public static IRenderable? Line(PipelineSummary pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Stuck is { } stuck ? new Text(char.ToUpperInvariant(Sentence(stuck)[0]) + Sentence(stuck)[1..], Alarm) : null;
    }
}
