using System.Diagnostics;
using System.Text;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone.Infrastructure;

/// <summary>
/// The engine worker (tests/Soakline.Functions.Tests.EngineWorker) running as its own OS process on a task hub, killed (whole tree) on dispose.
/// Its output is kept for the failure message of a test that waited on it in vain.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
    }

    public string WorkerId { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(string connectionString, string taskHub, string workerId)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(WorkerAssembly());
        start.Environment["ENGINE_CONNECTION"] = connectionString;
        start.Environment["ENGINE_HUB"] = taskHub;
        start.Environment["ENGINE_WORKER_ID"] = workerId;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the worker app.");
        var worker = new WorkerProcess(process, workerId);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>tests/Soakline.Functions.Tests.EngineWorker/bin/{Configuration}/{framework}/ (the test project builds it).</summary>
    private static string WorkerAssembly()
    {
        const string Name = "Soakline.Functions.Tests.EngineWorker";
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var tests = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, Name, "bin", configuration, framework, Name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The engine worker was not built at {path}; build tests/Soakline.Functions.Tests.", path);
    }
}
