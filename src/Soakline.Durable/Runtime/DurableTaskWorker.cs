using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Soakline.Durable.Runtime;

/// <summary>
/// The hosted service that drives a backend: a fixed number of loops lock orchestration work items and process them,
/// and a fixed number lock and run activities. The loop counts are the worker's concurrency bounds.
/// </summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly IOrchestrationBackend _backend;
    private readonly OrchestrationStepProcessor _steps;
    private readonly ActivityExecutor _activities;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger _logger;

    public DurableTaskWorker(
        IOrchestrationBackend backend,
        OrchestrationStepProcessor steps,
        ActivityExecutor activities,
        DurableTaskWorkerOptions options,
        ILogger<DurableTaskWorker> logger)
    {
        _backend = backend;
        _steps = steps;
        _activities = activities;
        _options = options;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        for (var i = 0; i < Math.Max(1, _options.MaxConcurrentOrchestrations); i++)
        {
            loops.Add(Task.Run(() => RunLoopAsync("orchestration", ProcessNextOrchestrationAsync, stoppingToken), CancellationToken.None));
        }

        for (var i = 0; i < Math.Max(1, _options.MaxConcurrentActivities); i++)
        {
            loops.Add(Task.Run(() => RunLoopAsync("activity", ProcessNextActivityAsync, stoppingToken), CancellationToken.None));
        }

        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(string kind, Func<CancellationToken, Task> processNext, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processNext(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A worker loop must survive any one failure; the failure is logged and the work redelivered.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogError(ex, "The {Kind} loop hit an error; retrying after {Backoff}.", kind, _options.ErrorBackoff);
                try
                {
                    await Task.Delay(_options.ErrorBackoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ProcessNextOrchestrationAsync(CancellationToken stoppingToken)
    {
        var workItem = await _backend.LockNextOrchestrationWorkItemAsync(stoppingToken);
        OrchestrationStepResult result;
        try
        {
            result = _steps.Process(workItem);
        }
        catch
        {
            await _backend.AbandonOrchestrationWorkItemAsync(workItem, CancellationToken.None);
            throw;
        }

        // Not cancellable: a commit that has started is finished, so shutdown never leaves half a step behind.
        await _backend.CompleteOrchestrationWorkItemAsync(workItem, result, CancellationToken.None);
    }

    private async Task ProcessNextActivityAsync(CancellationToken stoppingToken)
    {
        var workItem = await _backend.LockNextActivityWorkItemAsync(stoppingToken);
        try
        {
            var result = await _activities.ExecuteAsync(workItem.Request, stoppingToken);
            await _backend.CompleteActivityWorkItemAsync(workItem, result, CancellationToken.None);
        }
        catch
        {
            await _backend.AbandonActivityWorkItemAsync(workItem, CancellationToken.None);
            throw;
        }
    }
}
