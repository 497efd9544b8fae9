using Soakline.Cli;

// `soakline`: the command line for a Soakline app's HTTP API (docs/cli.md).
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl-C stops a watch cleanly (exit 130) instead of killing the process mid-render.
    e.Cancel = true;
    interrupt.Cancel();
};

return await CliApp.RunAsync(args, CliConsole.FromSystemConsole(), CliEnvironment.FromProcess(), TimeProvider.System, interrupt.Token);
