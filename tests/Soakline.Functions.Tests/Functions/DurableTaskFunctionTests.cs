using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Functions;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Activities;
using Soakline.Pipeline.Spec;

namespace Soakline.Functions.Tests.Functions;

/// <summary>
/// Activity functions called as the worker calls them: the input, the invocation's FunctionContext (its service scope
/// and the instance id in the trigger's binding data) and, for the one activity that needs it, the bound client.
/// Orchestrator bodies are tested on the fake-clock host; their one-line functions are covered by the metadata test.
/// </summary>
public sealed class DurableTaskFunctionTests
{
    [Fact]
    public async Task An_activity_runs_on_the_invocation_scope_with_the_bound_client()
    {
        using var services = WorkerServices.Build(new FakeTimeProvider(SoaklineAppFactory.Start));
        await using var scope = services.CreateAsyncScope();
        var context = new TestFunctionContext(nameof(AcquireEnvironmentActivity), scope.ServiceProvider, new Dictionary<string, object?> { ["instanceId"] = "release:acme:shop:main:1" });
        var client = new RecordingDurableTaskClient();
        client.Instances["release:acme:shop:main:1"] = new OrchestrationMetadata("ReleaseOrchestrator", "release:acme:shop:main:1") { RuntimeStatus = OrchestrationRuntimeStatus.Running };

        var first = await DurableTaskFunctions.AcquireEnvironment(new EnvironmentLeaseRequest("production", "release:acme:shop:main:1", ConcurrencyMode.Queue), client, context);
        var second = await DurableTaskFunctions.AcquireEnvironment(new EnvironmentLeaseRequest("production", "release:acme:shop:main:2", ConcurrencyMode.Queue), client, context);

        Assert.True(first.Acquired);
        Assert.Equal((false, "release:acme:shop:main:1"), (second.Acquired, second.Holder));
    }

    [Fact]
    public async Task An_activity_without_an_instance_id_fails_naming_its_function()
    {
        using var services = WorkerServices.Build(new FakeTimeProvider(SoaklineAppFactory.Start));
        await using var scope = services.CreateAsyncScope();
        var context = new TestFunctionContext(nameof(AcquireEnvironmentActivity), scope.ServiceProvider);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DurableTaskFunctions.AcquireEnvironment(new EnvironmentLeaseRequest("production", "h", ConcurrencyMode.Queue), new RecordingDurableTaskClient(), context));

        Assert.Contains(nameof(AcquireEnvironmentActivity), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_durable_client_in_di_is_the_one_the_invocation_bound()
    {
        using var services = WorkerServices.Build(new FakeTimeProvider(SoaklineAppFactory.Start));
        await using var scope = services.CreateAsyncScope();
        var client = new RecordingDurableTaskClient();

        Assert.Throws<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<DurableTaskClient>());
        scope.ServiceProvider.GetRequiredService<DurableClientScope>().Use(client);

        Assert.Same(client, scope.ServiceProvider.GetRequiredService<DurableTaskClient>());
    }
}
