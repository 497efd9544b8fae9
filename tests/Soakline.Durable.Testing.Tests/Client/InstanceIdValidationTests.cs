using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Durable.Testing;

namespace Soakline.Durable.Testing.Tests.Client;

/// <summary>Bad instance ids fail at the client, naming what is wrong, before anything is stored.</summary>
public sealed class InstanceIdValidationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("release/main")]
    [InlineData("what?")]
    [InlineData("tab\there")]
    public async Task Invalid_instance_ids_are_rejected_before_anything_is_stored(string instanceId)
    {
        await using var host = await DurableTaskTestHost.StartAsync(r => r.AddOrchestratorFunc<string>("X", _ => Task.FromResult("x")));

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("X", null, new StartOrchestrationOptions(instanceId)));

        var all = new List<OrchestrationMetadata>();
        await foreach (var item in host.Client.GetAllInstancesAsync())
        {
            all.Add(item);
        }

        Assert.Empty(all);
    }
}
