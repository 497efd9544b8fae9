using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soakline.Durable.Testing.Runtime;
using Soakline.Durable.Testing.Serialization;

namespace Soakline.Durable.Testing;

/// <summary>
/// Points the SDK's worker and client builders at the <see cref="IOrchestrationBackend"/> in the container: the
/// worker becomes a <see cref="BackendDurableTaskWorker"/>, the client a <see cref="BackendDurableTaskClient"/>.
/// Backends call these from their own <c>Use...</c> extensions after registering themselves.
/// </summary>
public static class OrchestrationBackendExtensions
{
    public static IDurableTaskWorkerBuilder UseOrchestrationBackend(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddEngineDefaults(builder.Services);
        return builder.UseBuildTarget<BackendDurableTaskWorker>();
    }

    public static IDurableTaskClientBuilder UseOrchestrationBackend(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddEngineDefaults(builder.Services);
        return builder.UseBuildTarget<BackendDurableTaskClient>();
    }

    /// <summary>
    /// The real clock unless the app chose one, and Soakline's payload converter, which the SDK's options take for
    /// <c>DataConverter</c> unless the app set one explicitly.
    /// </summary>
    private static void AddEngineDefaults(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(DurablePayloads.Converter);
    }
}
