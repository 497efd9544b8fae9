using System.Runtime.InteropServices;
using Soakline.Demo.Kit.Hosts;
using Soakline.Demo.Kit.Scenario;

// ./run demo: `Soakline.Demo --root <repository> --app <Soakline.Functions.dll>`.
var rootIndex = Array.IndexOf(args, "--root");
var root = rootIndex >= 0 && rootIndex + 1 < args.Length ? args[rootIndex + 1] : Environment.CurrentDirectory;
var appIndex = Array.IndexOf(args, "--app");
if (appIndex < 0 || appIndex + 1 >= args.Length || !File.Exists(args[appIndex + 1]))
{
    Console.Error.WriteLine("usage: Soakline.Demo --root <repository> --app <path to the built Soakline.Functions.dll> (./run demo passes both)");
    return 2;
}

var samples = Path.GetFullPath(Path.Combine(root, "samples"));
if (!File.Exists(Path.Combine(samples, "create-demo-repo.sh")))
{
    Console.Error.WriteLine($"samples/create-demo-repo.sh not found under {root}: pass the repository with --root (./run demo does).");
    return 2;
}

using var stop = new CancellationTokenSource();

// Ctrl-C and SIGTERM cancel the scenario, which then stops everything it started on its way out.
void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine("demo: stopping (cleaning up what was started)...");
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
try
{
    await using var rig = await DemoRig.StartAsync(new DemoPaths(samples, Path.GetFullPath(args[appIndex + 1])), new LocalShellAccess(), Console.Out, stop.Token);
    var succeeded = (await new DemoScenario(rig).RunAsync(stop.Token)).Succeeded;
    Console.WriteLine(succeeded ? "demo: both outcomes happened: promoted and rolled back." : "demo: FAILED: not every outcome happened (see the summary above).");
    return succeeded ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("demo: stopped.");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
{
    Console.Error.WriteLine($"demo: FAILED: {ex.Message}");
    return 1;
}
