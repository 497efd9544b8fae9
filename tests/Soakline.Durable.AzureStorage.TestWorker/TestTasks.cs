namespace Soakline.Durable.AzureStorage.TestWorker;

/// <summary>The orchestrations and activities the worker process runs, and the short timings tests need.</summary>
public static class TestTasks
{
    public const int StepCount = 20;

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator<TwentyStepOrchestration>();
        registry.AddOrchestrator<FanOutOrchestration>();
        registry.AddActivity<RecordStepActivity>();
    }

    /// <summary>Timings short enough that a killed worker's messages and locks come back within seconds.</summary>
    public static void UseFastRecovery(AzureStorageOptions options, string connectionString, string taskHubName)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConnectionString = connectionString;
        options.TaskHubName = taskHubName;
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
        options.ControlMessageVisibilityTimeout = TimeSpan.FromSeconds(2);
        options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(2);
        options.InstanceLockDuration = TimeSpan.FromSeconds(1);
        options.AbandonDelay = TimeSpan.FromMilliseconds(200);
        options.OutboxSweepInterval = TimeSpan.FromMilliseconds(500);
        options.OutboxLease = TimeSpan.FromSeconds(1);
        options.MaxDequeueCount = 20;
    }
}

/// <summary>Input of one step: which run and which step.</summary>
public sealed record StepInput(string Run, int Step);

/// <summary>
/// Twenty activities in sequence, with two durable timers and one external event in between. The output lists the
/// result of every step as received: exactly-once application means each step appears exactly once, in order.
/// </summary>
public sealed class TwentyStepOrchestration : TaskOrchestrator<string, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<string>();
        for (var step = 0; step < TestTasks.StepCount; step++)
        {
            if (step is 5 or 15)
            {
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
            }

            if (step == 10)
            {
                results.Add("event:" + await context.WaitForExternalEvent<string>("go"));
            }

            results.Add(await context.CallActivityAsync<string>(nameof(RecordStepActivity), new StepInput(input, step)));
        }

        return results;
    }
}

/// <summary>Runs <c>width</c> activities at once and returns their results in order.</summary>
public sealed class FanOutOrchestration : TaskOrchestrator<int, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tasks = Enumerable.Range(0, input).Select(i => context.CallActivityAsync<string>(nameof(RecordStepActivity), new StepInput(context.InstanceId, i))).ToList();
        return [.. await Task.WhenAll(tasks)];
    }
}

/// <summary>Records that it ran and returns a token unique to this run, so a result can be traced to its run.</summary>
public sealed class RecordStepActivity(RanLog log) : TaskActivity<StepInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = $"{input.Run}:{input.Step}:{Guid.NewGuid():N}";
        log.Record(token);
        await Task.Delay(5);
        return token;
    }
}
