using Soakline.Cli;

namespace Soakline.Cli.Tests.Infrastructure;

/// <summary>One run of the CLI in process: its exit code and what it wrote to stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>
    /// Runs <c>soakline args</c> with its own console and environment (no real variables, no real config file), so
    /// nothing from the developer's machine reaches the test.
    /// </summary>
    public static async Task<CliRun> StartAsync(string[] args, IReadOnlyDictionary<string, string>? variables = null, string? defaultConfigFile = null, bool terminal = false, CancellationToken ct = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(
            name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            defaultConfigFile ?? Path.Combine(Path.GetTempPath(), "soakline-cli-tests-no-such-folder", "config.json"));
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, terminal), environment, TimeProvider.System, ct);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
