using Azure.Identity;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Soakline.Functions.Hosting;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Wires the standalone engine into a service collection:
/// <code>
/// services.AddStandaloneDurableEngine(o => { o.TaskHubName = "soakline"; o.ConnectionString = ...; });
/// services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddPipelineTasks()).UseStandaloneEngine());
/// services.AddDurableTaskClient(b => b.UseStandaloneEngine());
/// </code>
/// </summary>
internal static class StandaloneEngineRegistration
{
    /// <summary>
    /// Registers the engine's options (validated when the engine's worker or client first uses them, every problem
    /// listed; building the client is enough to check them), the shared
    /// task hub connection, the payload converter the SDK's worker and client pick up, and a system clock if none is set.
    /// </summary>
    public static IServiceCollection AddStandaloneDurableEngine(this IServiceCollection services, Action<StandaloneEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StandaloneEngineOptions>()
            .Configure(configure)
            .PostConfigure(options =>
            {
                if (!string.IsNullOrWhiteSpace(options.StorageAccountName) && string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.Credential ??= new DefaultAzureCredential();
                }
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StandaloneEngineOptions>, StandaloneEngineOptionsValidator>());

        // The SDK's worker and client builders use a DataConverter service when their options do not name one.
        services.TryAddSingleton(PayloadJson.DataConverter);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TaskHubConnection>();
        return services;
    }

    /// <summary>Runs the builder's registered tasks on the standalone engine (<see cref="StandaloneDurableTaskWorker"/>).</summary>
    public static IDurableTaskWorkerBuilder UseStandaloneEngine(this IDurableTaskWorkerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBuildTarget<StandaloneDurableTaskWorker>();
    }

    /// <summary>Makes the builder's client a <see cref="StandaloneDurableTaskClient"/>.</summary>
    public static IDurableTaskClientBuilder UseStandaloneEngine(this IDurableTaskClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseBuildTarget<StandaloneDurableTaskClient>();
    }
}
