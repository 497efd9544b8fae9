using System.CommandLine;
using Soakline.Cli.Api;

namespace Soakline.Cli.Commands;

/// <summary>
/// <c>soakline rollback --environment e --to &lt;release|previous&gt; --reason r --repository owner/name</c>: an emergency
/// rollback (<c>POST /api/environments/{env}/rollback</c>). The requester is the caller's identity on the server.
/// </summary>
internal static class RollbackCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var environment = new Option<string>("--environment", "-e") { Description = "The environment to roll back", Required = true };
        var to = new Option<string>("--to") { Description = "The release to go back to (yyyyMMddTHHmmssZ-sha), or 'previous'", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (goes to the audit trail and the incident)", Required = true };
        var repository = new Option<string>("--repository", "-r") { Description = "The repository whose release runs there (owner/name)", Required = true };
        var scope = new Option<string>("--scope") { Description = "all (default), component, or canary (abort a running canary)", DefaultValueFactory = _ => "all" };
        scope.AcceptOnlyFromAmong("all", "component", "canary");
        var component = new Option<string>("--component") { Description = "The component, with --scope component" };
        var command = new Command("rollback", "Roll an environment back to an earlier release") { environment, to, reason, repository, scope, component };
        command.SetAction((parse, ct) => context.RunAsync(parse, async (api, json, token) =>
        {
            var env = parse.GetValue(environment)!;
            var request = new RollbackRequest(parse.GetValue(repository)!, parse.GetValue(scope)!, parse.GetValue(component), parse.GetValue(to)!, parse.GetValue(reason)!);
            var reply = await api.RollbackAsync(env, request, token).ConfigureAwait(false);
            return await DecisionCommand.ReportAsync(context, reply, json, $"rollback of {env}", () =>
            {
                var started = DecisionCommand.Field(reply.Body, "instanceId");
                return started is null
                    ? $"Rollback of {env} to {request.Target} started"
                    : $"Rollback of {env} to {request.Target} started: {started}\nFollow it with: soakline get {started} --watch";
            }).ConfigureAwait(false);
        }, ct));
        return command;
    }
}
