using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Soakline.Demo.Kit.Processes;

/// <summary>
/// Azurite from the repository's node_modules (package.json pins it), on free loopback ports with its data in a temp
/// folder, so a restart keeps the data. Shared by the tests and the benchmark (linked source).
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's documented development account; it only ever guards a loopback emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _executable;
    private readonly int _blobPort;
    private readonly int _queuePort;
    private readonly int _tablePort;
    private readonly string? _debugLog;
    private readonly bool _inMemory;
    private readonly string? _stallLog;
    private Process? _process;

    private AzuriteServer(string executable, string location, string? debugLog, bool inMemory, string? stallLog)
    {
        _executable = executable;
        Location = location;
        _debugLog = debugLog;
        _inMemory = inMemory;
        _stallLog = stallLog;
        _blobPort = FreePort();
        _queuePort = FreePort();
        _tablePort = FreePort();
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{_blobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{_queuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{_tablePort}/{AccountName};";
    }

    public string ConnectionString { get; }

    public string Location { get; }

    /// <summary>
    /// The script node loads into Azurite (<c>--require</c>, through <c>NODE_OPTIONS</c>) when a stall log is asked for.
    /// A 10 ms timer notes every time it runs 40 ms or more late, that is, every time something held node's one thread:
    /// in Azurite, chiefly its LokiJS autosave, which every 5 s serializes each whole database (the table store with the
    /// task hub's history grows with every pipeline). It only watches; Azurite behaves as without it.
    /// </summary>
    internal const string StallPreload =
        """
        'use strict';
        const fs = require('fs');
        const log = process.env.SOAKLINE_STALL_LOG;
        const tick = 10;
        const threshold = 40;
        let last = Date.now();
        setInterval(() => {
          const now = Date.now();
          const late = now - last - tick;
          if (log && late >= threshold) {
            fs.appendFileSync(log, `${new Date(now).toISOString()} ${late}\n`);
          }
          last = now;
        }, tick).unref();
        """;

    /// <param name="debugLog">
    /// When given, Azurite writes every request it serves to this file (its <c>--debug</c> log): for counting the
    /// storage requests a workload makes, not for timing it (the logging slows Azurite down).
    /// </param>
    /// <param name="inMemory">
    /// Keep the data in memory only (<c>--inMemoryPersistence</c>, and no <c>--location</c>, which Azurite refuses
    /// beside it): nothing survives <see cref="RestartAsync"/>, and Azurite no longer stops every 5 s to write its whole
    /// LokiJS databases to disk. It is not faster for that: node's heap then holds all the data, with pauses of its own.
    /// </param>
    /// <param name="stallLog">
    /// When given, Azurite's node notes in this file every pause of its event loop of 40 ms or more
    /// (<see cref="StallPreload"/>), for the latency benchmark to tell the emulator's pauses from the app's.
    /// </param>
    public static async Task<AzuriteServer> StartAsync(string? debugLog = null, bool inMemory = false, string? stallLog = null)
    {
        var server = new AzuriteServer(FindExecutable(), Directory.CreateTempSubdirectory("soakline-azurite-").FullName, debugLog, inMemory, stallLog);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops Azurite (SIGTERM, so it flushes its data) and starts it again on the same ports and data folder.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        if (_process is { HasExited: false } running)
        {
            using var term = Process.Start("kill", ["-TERM", $"{running.Id}"]);
            await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await running.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // It waits for idle keep-alive connections to close; by now it has saved its data, so StopProcessAsync kills it.
            }
        }

        await StopProcessAsync();
        await Task.Delay(downtime);
        await StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Azurite refuses --location beside --inMemoryPersistence ("not supported when the --location option is set").
        if (_inMemory)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(Location);
        }

        if (_debugLog is not null)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(_debugLog);
        }

        if (_stallLog is not null)
        {
            // Beside the log (read with NodeEventLoopStall.ReadAll), not in the data: Azurite reads its own files from --location.
            var preload = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_stallLog))!, "azurite-stall-preload.js");
            await File.WriteAllTextAsync(preload, StallPreload);
            var inherited = Environment.GetEnvironmentVariable("NODE_OPTIONS");
            start.Environment["NODE_OPTIONS"] = $"{inherited} --require {preload}".Trim();
            start.Environment["SOAKLINE_STALL_LOG"] = Path.GetFullPath(_stallLog);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Generous: on a 2-core machine under load (CI beside other work) node can take tens of seconds to start.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        foreach (var port in new[] { _blobPort, _queuePort, _tablePort })
        {
            while (!await AcceptsAsync(port))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on 127.0.0.1:{port}.");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within 120 s.");
                }

                await Task.Delay(50);
            }
        }
    }

    private async Task StopProcessAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>node_modules/.bin/azurite under the nearest directory with a package.json, or a clear install hint.</summary>
    private static string FindExecutable()
    {
        const string Hint = "Azurite not found: it comes from the repository's package.json. Install Node.js 20+ (apt-get install nodejs npm) and run `npm ci` at the repository root (./run test does this).";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                var azurite = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (!File.Exists(azurite))
                {
                    throw new InvalidOperationException($"{Hint} (looked for {azurite})");
                }

                if (!ExistsOnPath("node"))
                {
                    throw new InvalidOperationException($"{Hint} (node is not on PATH)");
                }

                return azurite;
            }
        }

        throw new InvalidOperationException($"{Hint} (no package.json above {AppContext.BaseDirectory})");
    }

    private static bool ExistsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
