using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>Helpers shared by the semantic suite's test classes.</summary>
public abstract class ConformanceTestBase
{
    protected ConformanceTestBase(IDurableBackendFixture fixture)
    {
        Fixture = fixture;
    }

    protected IDurableBackendFixture Fixture { get; }

    protected HostConventions Conventions => Fixture.Conventions;

    /// <summary>Throws from an expression-bodied lambda without making sync and async overloads ambiguous.</summary>
    protected static T Throw<T>(Exception exception) => throw exception;

    protected static string NewInstanceId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected Task<IConformanceHost> StartAsync(Action<DurableTaskRegistry> configure) => Fixture.StartAsync(configure);

    protected static Task<OrchestrationMetadata> CompletionOf(IConformanceHost host, string instanceId) =>
        host.WaitUntilAsync(instanceId, m => m.IsCompleted, "reach a terminal state");

    protected static Task<OrchestrationMetadata> CustomStatusOf(IConformanceHost host, string instanceId, string expected) =>
        host.WaitUntilAsync(instanceId, m => m.ReadCustomStatusAs<string>() == expected, $"show custom status '{expected}'");

    protected static async Task<string> StartAsync(IConformanceHost host, TaskName orchestrator, object? input = null, string? instanceId = null) =>
        await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId ?? NewInstanceId(orchestrator.Name)));
}
