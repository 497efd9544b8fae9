using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Soakline.Chaos;

// The chaos proof (issue 18, part 1); ./run proof runs it as
// `dotnet run --project bench/Soakline.Chaos -c Release -- --result <file.json> [--kills 100] [--pipelines 20] [--seed N]`.
// Exit code 0 only when every promise held; 2 on bad arguments; 1 otherwise.
var (options, problems) = ChaosOptions.Parse(args, () => RandomNumberGenerator.GetInt32(1, int.MaxValue));
if (options is null)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"chaos: {problem}");
    }

    Console.Error.WriteLine(ChaosOptions.Usage);
    return 2;
}

// Ctrl-C and SIGTERM stop the run, which then stops everything it started (processes, servers) on its way out.
using var stop = new CancellationTokenSource();
var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, context =>
{
    context.Cancel = true;
    stop.Cancel();
})).ToList();
try
{
    return await new ChaosRun(options, Console.Out, TimeProvider.System).RunAsync(stop.Token) ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("chaos: stopped (what it started is stopped too).");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
{
    Console.Error.WriteLine($"chaos: FAILED to run: {ex.Message} (seed {options.Seed})");
    Directory.CreateDirectory(Path.GetDirectoryName(options.ResultFile)!);
    await File.WriteAllTextAsync(options.ResultFile, System.Text.Json.JsonSerializer.Serialize(new
    {
        part = "chaos",
        target = "the chaos proof runs to its end",
        measured = "the run could not be completed",
        pass = false,
        details = $"{ex.GetType().Name}: {ex.Message} (seed {options.Seed})",
    }) + "\n");
    return 1;
}
finally
{
    signals.ForEach(registration => registration.Dispose());
}
