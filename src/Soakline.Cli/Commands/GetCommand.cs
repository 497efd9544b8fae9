using System.CommandLine;
using Soakline.Cli.Models;
using Soakline.Cli.Rendering;
using Soakline.Cli.Watching;

namespace Soakline.Cli.Commands;

/// <summary>
/// <c>soakline get &lt;id&gt; [--watch] [--interval 2s]</c>: one pipeline; with <c>--watch</c>, followed until it ends, the exit
/// code saying how it ended (<see cref="ExitCodes"/>).
/// </summary>
internal static class GetCommand
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = new Argument<string>("id") { Description = "The pipeline's id (see `soakline pipelines`)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the pipeline until it ends; the exit code says how it ended" };
        var interval = new Option<TimeSpan>("--interval") { Description = "How often --watch polls (default 2s)", DefaultValueFactory = _ => DefaultInterval, CustomParser = DurationParser.Parse };
        var command = new Command("get", "Show one pipeline: stage, traffic, analysis against thresholds, soak remaining, timeline") { id, watch, interval };
        command.SetAction((parse, ct) => context.RunAsync(parse, async (api, json, token) =>
        {
            var pipelineId = parse.GetValue(id)!;
            if (!parse.GetValue(watch))
            {
                var (detail, body) = await api.GetPipelineAsync(pipelineId, token).ConfigureAwait(false);
                if (json)
                {
                    await context.WriteJsonAsync(body).ConfigureAwait(false);
                }
                else
                {
                    context.Ansi().Write(PipelineDetailView.Render(detail));
                }

                return ExitCodes.Success;
            }

            var watcher = new PipelineWatch(api, context.Clock, parse.GetValue(interval));
            var final = json || !context.Console.IsTerminal
                ? await watcher.LinesAsync(context.Console.Out, pipelineId, json, token).ConfigureAwait(false)
                : await watcher.LiveAsync(context.Ansi(), pipelineId, token).ConfigureAwait(false);
            return PipelineEnding.Of(final)?.ExitCode ?? ExitCodes.Unexpected;
        }, ct));
        return command;
    }
}
