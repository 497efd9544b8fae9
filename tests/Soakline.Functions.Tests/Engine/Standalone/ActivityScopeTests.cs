using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Tests.Engine.Standalone.Infrastructure;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>Each activity execution gets its own DI scope, disposed when the execution ends.</summary>
[Collection(EngineCollection.Name)]
public sealed class ActivityScopeTests(EngineFixture fixture)
{
    [Fact]
    public async Task Each_activity_execution_gets_a_fresh_scope_that_is_disposed_after_it()
    {
        var client = fixture.Host.Client;
        var id = await client.ScheduleNewOrchestrationInstanceAsync("ScopedTwice");

        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Eventually.Timeout());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var probes = done.ReadOutputAs<Guid[]>()!;
        Assert.Equal(2, probes.Distinct().Count());
        var disposed = fixture.Host.Services.GetRequiredService<ScopeLedger>().Disposed;
        Assert.All(probes, probe => Assert.Contains(probe, disposed));
    }
}
