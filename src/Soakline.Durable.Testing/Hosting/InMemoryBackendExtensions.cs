using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soakline.Durable.Testing.InMemory;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing;

/// <summary>
/// Selects the in-memory backend on the SDK's builders:
/// <c>services.AddDurableTaskWorker(b =&gt; b.AddTasks(...).UseInMemory())</c> and
/// <c>services.AddDurableTaskClient(b =&gt; b.UseInMemory())</c>. The worker becomes a
/// <see cref="BackendDurableTaskWorker"/>, the client a <see cref="BackendDurableTaskClient"/>, and the worker and client
/// of one container share one backend.
/// </summary>
public static class InMemoryBackendExtensions
{
    public static IDurableTaskWorkerBuilder UseInMemory(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddInMemoryBackend(builder.Services);
        return builder.UseBuildTarget<BackendDurableTaskWorker>();
    }

    public static IDurableTaskClientBuilder UseInMemory(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddInMemoryBackend(builder.Services);
        return builder.UseBuildTarget<BackendDurableTaskClient>();
    }

    /// <summary>
    /// The backend, the real clock unless the test chose one, and the payload converter, which the SDK's options take
    /// for <c>DataConverter</c> unless the test set one explicitly.
    /// </summary>
    private static void AddInMemoryBackend(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(DurablePayloads.Converter);
        services.TryAddSingleton(static sp => new InMemoryOrchestrationBackend(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOrchestrationBackend>(static sp => sp.GetRequiredService<InMemoryOrchestrationBackend>());
    }
}
