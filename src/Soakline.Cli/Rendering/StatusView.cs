using Soakline.Cli.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Soakline.Cli.Rendering;

/// <summary>Coloured words for states; the words carry the meaning, colour only helps on a terminal.</summary>
internal static class StatusView
{
    public static IRenderable Runtime(string runtimeStatus) => new Text(runtimeStatus, runtimeStatus switch
    {
        // Completed says only that the orchestration finished (a rolled-back release completes too): the ending line colours the outcome.
        "Failed" or "Terminated" => new Style(Color.Red),
        "Running" => new Style(Color.Blue),
        _ => Style.Plain,
    });

    public static IRenderable Check(CheckState state) => new Text(ProgressText.Verdict(state), state switch
    {
        CheckState.Pass => new Style(Color.Green),
        CheckState.NoData => new Style(Color.Yellow),
        _ => new Style(Color.Red, decoration: Decoration.Bold),
    });

    /// <summary>A check's verdict; a dry run's would-be verdict is dimmed, since it decides nothing.</summary>
    public static IRenderable Check(CheckReading check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.DryRun ? new Text(ProgressText.CheckVerdict(check), new Style(decoration: Decoration.Dim | Decoration.Italic)) : Check(check.Status);
    }

    public static IRenderable Ending(PipelineEnding ending)
    {
        ArgumentNullException.ThrowIfNull(ending);
        var style = ending.ExitCode == ExitCodes.Success ? new Style(Color.Green, decoration: Decoration.Bold) : new Style(Color.Red, decoration: Decoration.Bold);
        return new Text($"Ended: {ending.Outcome}: {ending.Sentence} (exit {ending.ExitCode})", style);
    }
}
