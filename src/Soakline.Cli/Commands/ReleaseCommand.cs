using System.CommandLine;
using System.Net;
using Soakline.Cli.Api;
using Soakline.Cli.Models;
using Soakline.Cli.Watching;

namespace Soakline.Cli.Commands;

/// <summary>
/// <c>soakline release &lt;repository&gt; &lt;commit&gt; [--branch b] [--watch] [--interval 2s]</c>: starts the release
/// pipeline of a commit of a repository the app serves from a local clone (<c>POST /api/releases</c>), as a push would
/// for a GitHub repository; with <c>--watch</c>, follows it as <c>get --watch</c> does, the exit code saying how it ended.
/// </summary>
internal static class ReleaseCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var repository = new Argument<string>("repository") { Description = "The repository (owner/name), served from a local clone by the app" };
        var commit = new Argument<string>("commit") { Description = "The commit's SHA (7 to 40 hex digits), e.g. $(git rev-parse HEAD)" };
        var branch = new Option<string>("--branch", "-b") { Description = "The branch to release it from (default: the one branch of the clone that contains it)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow the pipeline until it ends; the exit code says how it ended" };
        var interval = new Option<TimeSpan>("--interval") { Description = "How often --watch polls (default 2s)", DefaultValueFactory = _ => GetCommand.DefaultInterval, CustomParser = DurationParser.Parse };
        var command = new Command("release", "Release a commit of a repository served from a local clone (standalone mode)") { repository, commit, branch, watch, interval };
        repository.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                result.AddError($"repository '{value}' is not of the form owner/name");
            }
        });
        command.SetAction((parse, ct) => context.RunAsync(parse, async (api, json, token) =>
        {
            var request = new ReleaseRequest(parse.GetValue(repository)!.Trim(), parse.GetValue(commit)!.Trim(), parse.GetValue(branch)?.Trim());
            var reply = await api.ReleaseAsync(request, token).ConfigureAwait(false);
            var id = DecisionCommand.Field(reply.Body, "instanceId");
            var following = parse.GetValue(watch) && reply.Status is HttpStatusCode.OK or HttpStatusCode.Accepted && id is not null;
            var reported = await DecisionCommand.ReportAsync(context, reply, json, $"release of {request.Repository}@{request.Commit}", () => Confirmation(reply, id, following)).ConfigureAwait(false);
            if (!following || reported != ExitCodes.Success)
            {
                return reported;
            }

            var watcher = new PipelineWatch(api, context.Clock, parse.GetValue(interval));
            var final = json || !context.Console.IsTerminal
                ? await watcher.LinesAsync(context.Console.Out, id!, json, token).ConfigureAwait(false)
                : await watcher.LiveAsync(context.Ansi(), id!, token).ConfigureAwait(false);
            return PipelineEnding.Of(final)?.ExitCode ?? ExitCodes.Unexpected;
        }, ct));
        return command;
    }

    private static string Confirmation(ApiReply reply, string? id, bool following)
    {
        var branch = DecisionCommand.Field(reply.Body, "branch");
        var sha = DecisionCommand.Field(reply.Body, "commit");
        var what = $"{DecisionCommand.Field(reply.Body, "repository")}@{(sha is { Length: > 7 } ? sha[..7] : sha)} on {branch}";
        var started = reply.Status == HttpStatusCode.Accepted
            ? $"Release of {what} started: {id}"
            : $"Release of {what} was started before (nothing new started): {id}";
        return following ? started : $"{started}\nFollow it with: soakline get {id} --watch";
    }
}
