using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Latency;

/// <summary>
/// Drives the load with Debian's <c>wrk</c> (C, event loop) instead of the .NET generator: at concurrency 50 the .NET
/// client takes a good share of the two cores the app and Azurite need. wrk replays deliveries signed beforehand
/// (<c>deliveries.lua</c>), each once, and reports its own percentiles; the measured requests are the scenario's, each
/// of wrk's threads sending its share.
/// </summary>
internal sealed partial class WrkLoad(string wrk, Uri baseUrl, SignedDeliveries deliveries, DirectoryInfo work) : ILoadGenerator
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "deliveries.lua");

    /// <summary>The wrk on PATH, or null (the program then uses the .NET generator).</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wrk"))
            .FirstOrDefault(File.Exists);

    public string Name => "wrk";

    public async Task<LatencyFigures> RunAsync(LatencyScenario scenario, CancellationToken cancellationToken)
    {
        await RunWrkAsync(scenario, scenario.WarmUp, cancellationToken);
        var (figures, _) = await RunWrkAsync(scenario, scenario.Requests, cancellationToken);
        return figures;
    }

    private async Task<(LatencyFigures Figures, string Output)> RunWrkAsync(LatencyScenario scenario, int requests, CancellationToken cancellationToken)
    {
        var threads = Math.Min(2, scenario.Concurrency);
        var perThread = (int)Math.Ceiling(requests / (double)threads);

        // Each connection may have one request in flight when its thread has its answers: that many spare deliveries
        // per thread, so no thread ever sends one twice.
        var spare = (int)Math.Ceiling(scenario.Concurrency / (double)threads) + 1;
        var file = Path.Combine(work.FullName, $"{scenario.Request}-c{scenario.Concurrency}-{requests}.tsv");
        await WriteDeliveriesAsync(file, scenario.Request, (perThread + spare) * threads, cancellationToken);

        var expected = scenario.Request == "push" ? 202 : 200;
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", scenario.Concurrency.ToString(CultureInfo.InvariantCulture),
            "-d", "120s", "--timeout", "60s", "-s", Script, baseUrl.ToString().TrimEnd('/'), "--",
            file, expected.ToString(CultureInfo.InvariantCulture), perThread.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {wrk}");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var text = new StringBuilder();
        var threadsDone = 0;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            text.AppendLine(line);

            // wrk runs for its whole -d even when every thread has stopped; SIGINT makes it print its summary now.
            if (line == "SOAKLINE thread done" && ++threadsDone == threads)
            {
                using var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await interrupt.WaitForExitAsync(cancellationToken);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        var summary = SummaryLine().Match(text.ToString());
        if (process.ExitCode != 0 || !summary.Success)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode} and no summary line: {text} {await error}");
        }

        long Value(string name) => long.Parse(summary.Groups[name].Value, CultureInfo.InvariantCulture);
        var unexpected = (int)(Value("unexpected") + Value("ranOut") + Value("errors"));
        var figures = new LatencyFigures(
            scenario with { Requests = (int)Value("requests") },
            Value("p50") / 1000.0,
            Value("p99") / 1000.0,
            Value("max") / 1000.0,
            Value("requests") / (Value("duration") / 1_000_000.0),
            unexpected,
            unexpected == 0 ? null : $"wrk: {Value("unexpected")} answers not {expected}, {Value("ranOut")} deliveries sent twice, {Value("errors")} socket errors or timeouts");
        return (figures, text.ToString());
    }

    private async Task WriteDeliveriesAsync(string file, string eventName, int count, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var delivery = deliveries.Next(eventName);

            // Compact JSON has no tab or newline outside strings, and escapes them inside.
            await writer.WriteLineAsync($"{delivery.Event}\t{delivery.DeliveryId}\t{delivery.Signature}\t{Encoding.UTF8.GetString(delivery.Body)}".AsMemory(), cancellationToken);
        }
    }

    [GeneratedRegex(@"^SOAKLINE requests=(?<requests>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+) max_us=(?<max>\d+) duration_us=(?<duration>\d+) unexpected=(?<unexpected>\d+) ran_out=(?<ranOut>\d+) errors=(?<errors>\d+)$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
