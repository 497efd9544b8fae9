using System.CommandLine;
using Soakline.Cli.Commands;

namespace Soakline.Cli;

/// <summary>The <c>soakline</c> command tree and its entry point; tests call <see cref="RunAsync"/> with their own console.</summary>
internal static class CliApp
{
    public static RootCommand Build(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("soakline: watch and steer Soakline release pipelines through the app's API (docs/cli.md)");
        context.AddGlobalOptions(root);
        root.Subcommands.Add(PipelinesCommand.Create(context));
        root.Subcommands.Add(GetCommand.Create(context));
        root.Subcommands.Add(DecisionCommand.Create(context, approve: true));
        root.Subcommands.Add(DecisionCommand.Create(context, approve: false));
        root.Subcommands.Add(RollbackCommand.Create(context));
        root.Subcommands.Add(ReleaseCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CliEnvironment environment, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        var context = new CommandContext(console, environment, clock);
        var parse = Build(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors get their own exit code (2), apart from the app's answers, so scripts can tell them apart.
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"soakline: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'soakline --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, ct).ConfigureAwait(false);
    }
}
