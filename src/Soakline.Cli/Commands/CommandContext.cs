using System.CommandLine;
using Soakline.Cli.Api;
using Soakline.Cli.Configuration;
using Spectre.Console;

namespace Soakline.Cli.Commands;

/// <summary>
/// What every command shares: the global options (connection, <c>--json</c>), the console, and the one way a command
/// runs: resolve the connection, call the API, turn a <see cref="CliException"/> into its message and exit code.
/// </summary>
internal sealed class CommandContext(CliConsole console, CliEnvironment environment, TimeProvider clock)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public Option<string> Url { get; } = new("--url") { Description = $"The app's base URL (or {ConnectionResolver.UrlVariable}, or \"url\" in the config file)", Recursive = true };

    public Option<string> ApiKey { get; } = new("--api-key") { Description = $"Your API key, sent as X-Api-Key (or {ConnectionResolver.KeyVariable}, or \"apiKey\" in the config file)", Recursive = true };

    public Option<string> FunctionKey { get; } = new("--function-key") { Description = $"In Azure: a function key for the Functions host, sent as x-functions-key (or {ConnectionResolver.FunctionKeyVariable}, or \"functionKey\" in the config file)", Recursive = true };

    public Option<string> Config { get; } = new("--config") { Description = "The config file (default: ~/.config/soakline/config.json)", Recursive = true };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the API's JSON instead of tables", Recursive = true };

    public CliConsole Console => console;

    public TimeProvider Clock => clock;

    public void AddGlobalOptions(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Url);
        root.Options.Add(ApiKey);
        root.Options.Add(FunctionKey);
        root.Options.Add(Config);
        root.Options.Add(Json);
    }

    /// <summary>A console for Spectre.Console: colours and live redraws on a terminal, plain text anywhere else.</summary>
    public IAnsiConsole Ansi()
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Ansi = console.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = console.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        ansi.Profile.Width = console.Width;
        return ansi;
    }

    /// <summary>Runs <paramref name="body"/> with an API client; failures print one message to stderr and set the exit code.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<SoaklineApiClient, bool, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            var connection = ConnectionResolver.Resolve(parse.GetValue(Url), parse.GetValue(ApiKey), parse.GetValue(Config), environment, parse.GetValue(FunctionKey));
            using var http = new HttpClient { Timeout = RequestTimeout };
            return await body(new SoaklineApiClient(http, connection), parse.GetValue(Json), ct).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            await console.Error.WriteLineAsync($"soakline: {ex.Message}").ConfigureAwait(false);
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("soakline: interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>Writes a successful answer's body as the API sent it (for <c>--json</c>).</summary>
    public Task WriteJsonAsync(string body) => console.Out.WriteLineAsync(body.Trim());
}
