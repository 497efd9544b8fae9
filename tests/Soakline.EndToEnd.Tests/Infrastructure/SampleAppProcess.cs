using System.Collections.Concurrent;
using System.Diagnostics;
using Soakline.Integrations.Tests.Fixtures;

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The sample app as a real process (<c>dotnet Soakline.SampleApp.dll</c>) on a free loopback port, with a content
/// root the test prepares (REVISION, VERSION, failure marker files) and the environment it asks for.
/// </summary>
internal sealed class SampleAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SampleAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the app and returns once it accepts HTTP connections (or has exited: check <see cref="HasExited"/>).</summary>
    public static async Task<SampleAppProcess> StartAsync(string contentRoot, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(BuildLocations.SampleAppAssembly))
        {
            throw new InvalidOperationException($"{BuildLocations.SampleAppAssembly} is missing: build the solution (or this test project) first");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = contentRoot,
        };
        foreach (var argument in new[] { BuildLocations.SampleAppAssembly, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var app = new SampleAppProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"), baseAddress);
        await app.WaitUntilListeningAsync(TimeSpan.FromSeconds(30));
        return app;
    }

    /// <summary>Waits for the process to end by itself (a start that must fail).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var limit = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until Kestrel answers or the process has ended (a start that must fail ends by itself).</summary>
    private async Task WaitUntilListeningAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    return true;
                }

                try
                {
                    using var response = await http.GetAsync("health");
                    return true; // any answer, healthy or not, means Kestrel is listening
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            within,
            $"the sample app to listen on {BaseAddress}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
