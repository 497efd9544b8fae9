using System.Globalization;
using System.Runtime.InteropServices;
using Soakline.Deploy.Bench;
using Soakline.Integrations.Tests.Fixtures;

// Rollback to previous release over SSH on loopback, for 1, 5 and 20 hosts. Target: 20 hosts < 5 s, sub-linear growth.
// Prints a Markdown table for bench/RESULTS.md. Usage: dotnet run -c Release -- [iterations] [max parallel hosts]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var parallel = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
int[] hostCounts = [1, 5, 20];
var pool = hostCounts.Sum();

await using var server = await SshServer.StartAsync(pool);
using var repository = new AppRepository();
var addresses = Enumerable.Range(0, pool).Select(Loopback.HostAddress).ToList();
var benchmark = new RollbackBenchmark(server, repository, Loopback.PortFreeOnAll(addresses), Loopback.PortFreeOnAll(addresses), pool, parallel);

var rows = new List<string>();
foreach (var hosts in hostCounts)
{
    var timings = (await benchmark.RunAsync(hosts, iterations)).Select(t => t.TotalMilliseconds).Order().ToList();
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {hosts} | {timings[timings.Count / 2]:F0} | {timings[0]:F0} | {timings[^1]:F0} | {timings[timings.Count / 2] / hosts:F0} |"));
    Console.Error.WriteLine($"{hosts} host(s) done");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Rollback to previous release, all hosts healthy: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
    $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, {iterations} iterations, MaxParallelHosts {parallel}"));
Console.WriteLine();
Console.WriteLine("| hosts | median ms | min ms | max ms | median ms per host |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
rows.ForEach(Console.WriteLine);
