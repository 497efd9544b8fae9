using System.Diagnostics;
using Soakline.Durable.AzureStorage.TestWorker;

namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>A worker in its own process (<c>dotnet TestWorker.dll</c>), which a test can SIGKILL.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public static async Task<WorkerProcess> StartAsync(string connectionString, string taskHubName, string ranLogPath, string workerName)
    {
        var dll = typeof(TestTasks).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(taskHubName);
        start.ArgumentList.Add(ranLogPath);
        start.ArgumentList.Add(workerName);
        start.Environment["SOAKLINE_STORAGE"] = connectionString;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker.");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "worker started")
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crashed machine.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
