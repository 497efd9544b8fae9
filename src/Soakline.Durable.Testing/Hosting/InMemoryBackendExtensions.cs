using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soakline.Durable.Testing.InMemory;
using Soakline.Durable.Testing.Runtime;

namespace Soakline.Durable.Testing;

/// <summary>
/// Selects the in-memory backend on the SDK's builders:
/// <c>services.AddDurableTaskWorker(b =&gt; b.AddTasks(...).UseInMemory())</c> and
/// <c>services.AddDurableTaskClient(b =&gt; b.UseInMemory())</c>. The worker and client of one container share it.
/// </summary>
public static class InMemoryBackendExtensions
{
    public static IDurableTaskWorkerBuilder UseInMemory(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddInMemoryBackend(builder.Services);
        return builder.UseOrchestrationBackend();
    }

    public static IDurableTaskClientBuilder UseInMemory(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddInMemoryBackend(builder.Services);
        return builder.UseOrchestrationBackend();
    }

    private static void AddInMemoryBackend(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => new InMemoryOrchestrationBackend(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOrchestrationBackend>(static sp => sp.GetRequiredService<InMemoryOrchestrationBackend>());
    }
}
