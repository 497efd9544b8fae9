using System.CommandLine;
using Soakline.Cli.Rendering;

namespace Soakline.Cli.Commands;

/// <summary><c>soakline pipelines [--repository owner/name] [--branch b] [--status s] [--limit n]</c>.</summary>
internal static class PipelinesCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var repository = new Option<string>("--repository", "-r") { Description = "Only this repository's pipelines (owner/name)" };
        var branch = new Option<string>("--branch", "-b") { Description = "Only this branch (with --repository)" };
        var status = new Option<string>("--status", "-s") { Description = "Only pipelines in this runtime status: Running, Completed, Failed, Terminated, Pending, Suspended" };
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many, newest first (the app's default: 50)" };
        var command = new Command("pipelines", "List pipelines, newest first") { repository, branch, status, limit };
        command.SetAction((parse, ct) => context.RunAsync(parse, async (api, json, token) =>
        {
            var (pipelines, body) = await api.ListPipelinesAsync(parse.GetValue(repository), parse.GetValue(branch), parse.GetValue(status), parse.GetValue(limit), token).ConfigureAwait(false);
            if (json)
            {
                await context.WriteJsonAsync(body).ConfigureAwait(false);
            }
            else
            {
                context.Ansi().Write(PipelineListView.Render(pipelines));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
