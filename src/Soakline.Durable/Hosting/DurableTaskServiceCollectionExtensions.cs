using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Soakline.Durable.Hosting;
using Soakline.Durable.Runtime;

namespace Soakline.Durable;

/// <summary>
/// Dependency-injection entry points, shaped like the Durable Task SDK's:
/// <c>services.AddDurableTaskWorker(b => b.AddTasks(r => ...).UseInMemory())</c> and
/// <c>services.AddDurableTaskClient(b => b.UseInMemory())</c>.
/// </summary>
public static class DurableTaskServiceCollectionExtensions
{
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, Action<IDurableTaskWorkerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddDurableTaskWorker());
        return services;
    }

    public static IDurableTaskWorkerBuilder AddDurableTaskWorker(this IServiceCollection services, string name = "default")
    {
        ArgumentNullException.ThrowIfNull(services);
        AddEngineCore(services);
        services.TryAddSingleton(static sp =>
        {
            var registry = new DurableTaskRegistry();
            foreach (var registration in sp.GetServices<TaskRegistration>())
            {
                registration.Configure(registry);
            }

            return registry;
        });
        services.TryAddSingleton<DurableTaskWorkerOptions>();
        services.TryAddSingleton(static sp => new OrchestrationStepProcessor(
            sp.GetRequiredService<DurableTaskRegistry>(),
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton(static sp => new ActivityExecutor(
            sp.GetRequiredService<DurableTaskRegistry>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<ActivityExecutor>>() ?? NullLogger<ActivityExecutor>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DurableTaskWorker>(static sp => new DurableTaskWorker(
            sp.GetRequiredService<IOrchestrationBackend>(),
            sp.GetRequiredService<OrchestrationStepProcessor>(),
            sp.GetRequiredService<ActivityExecutor>(),
            sp.GetRequiredService<DurableTaskWorkerOptions>(),
            sp.GetService<ILogger<DurableTaskWorker>>() ?? NullLogger<DurableTaskWorker>.Instance)));
        return new DurableTaskWorkerBuilder(name, services);
    }

    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services, Action<IDurableTaskClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddDurableTaskClient());
        return services;
    }

    public static IDurableTaskClientBuilder AddDurableTaskClient(this IServiceCollection services, string name = "default")
    {
        ArgumentNullException.ThrowIfNull(services);
        AddEngineCore(services);
        services.TryAddSingleton<DurableTaskClient>(sp => new BackendDurableTaskClient(
            sp.GetRequiredService<IOrchestrationBackend>(), sp.GetRequiredService<TimeProvider>(), name));
        return new DurableTaskClientBuilder(name, services);
    }

    public static IDurableTaskWorkerBuilder AddTasks(this IDurableTaskWorkerBuilder builder, Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddSingleton(new TaskRegistration(configure));
        return builder;
    }

    public static IDurableTaskWorkerBuilder Configure(this IDurableTaskWorkerBuilder builder, Action<DurableTaskWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new DurableTaskWorkerOptions();
        configure(options);
        builder.Services.RemoveAll<DurableTaskWorkerOptions>();
        builder.Services.AddSingleton(options);
        return builder;
    }

    private static void AddEngineCore(IServiceCollection services) => services.TryAddSingleton(TimeProvider.System);
}
