using Azure;
using Soakline.Durable.AzureStorage.TestWorker;
using Soakline.Durable.Serialization;

namespace Soakline.Durable.AzureStorage.Tests.Azurite;

/// <summary>Waiting for instances and checking what a <see cref="TwentyStepOrchestration"/> applied.</summary>
public static class Instances
{
    /// <summary>Polls until the instance is terminal; storage errors (Azurite restarting) are waited out, not thrown.</summary>
    public static async Task<OrchestrationMetadata> WaitForTerminalAsync(DurableTaskClient client, string instanceId, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            try
            {
                if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, deadline.Token) is { IsCompleted: true } done)
                {
                    return done;
                }
            }
            catch (RequestFailedException)
            {
                // Storage is away for a moment; keep asking.
            }
            catch (HttpRequestException)
            {
            }

            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                throw new TimeoutException($"Instance {instanceId} did not finish within {timeout}; it is {last?.RuntimeStatus.ToString() ?? "missing"}.");
            }
        }
    }

    /// <summary>
    /// Asserts the instance completed and applied every step's result exactly once, in order, each from a real run
    /// recorded in the ran-log. Returns how many runs were not applied (the duplicates at-least-once allows).
    /// </summary>
    public static int AssertEveryStepAppliedOnce(OrchestrationMetadata metadata, string run, string ranLogPath)
    {
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{metadata.InstanceId} is {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        var output = DurablePayloads.Converter.Deserialize<List<string>>(metadata.SerializedOutput) ?? [];
        Assert.Contains("event:go", output);
        var applied = output.Where(r => r != "event:go").ToList();
        Assert.Equal(
            Enumerable.Range(0, TestTasks.StepCount).Select(i => $"{run}:{i}").ToList(),
            applied.Select(token => string.Join(':', token.Split(':')[..2])).ToList());

        var ran = RanLog.Read(ranLogPath).Select(parts => parts[1]).Where(token => token.StartsWith(run + ":", StringComparison.Ordinal)).ToList();
        foreach (var token in applied)
        {
            Assert.Contains(token, ran);
        }

        return ran.Count - applied.Count;
    }
}
