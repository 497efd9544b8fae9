using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Soakline.Functions.Adapters;
using Soakline.Functions.Configuration;
using Soakline.Functions.Engine.Standalone;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;
using Soakline.Pipeline;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Engine;

/// <summary>
/// The durable engine running the pipeline's orchestrators and activities, and the release store. Standalone the
/// engine is the Durable Task Framework's Azure Storage provider (<see cref="StandaloneEngineRegistration"/>) on the
/// storage the settings name: <c>Soakline__Storage__ConnectionString</c> (Azurite, account keys) or
/// <c>Soakline__Storage__AccountName</c> (managed identity through <c>DefaultAzureCredential</c>). The engine's
/// settings are checked when it is first built (see <see cref="EngineSettingsCheck"/>), so a test that swaps the
/// engine on the SDK's builders needs no storage.
/// </summary>
internal static class EngineRegistration
{
    public static IServiceCollection AddSoaklineEngine(this IServiceCollection services, IConfiguration configuration, AdapterProblems problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var connectionString = Setting(configuration, SettingNames.StorageConnectionString);
        var accountName = Setting(configuration, SettingNames.StorageAccountName);
        var taskHub = Setting(configuration, SettingNames.TaskHub);
        var workerId = Setting(configuration, SettingNames.EngineWorkerId);
        var workItemVisibility = WorkItemVisibility.Read(Setting(configuration, SettingNames.StorageWorkItemVisibilityTimeout), problems);
        if (connectionString is not null || accountName is not null)
        {
            // Shared by all instances and kept across restarts; the pipeline's in-memory store is the fallback.
            services.AddSingleton<IReleaseStore>(sp =>
            {
                var settings = sp.GetRequiredService<AppSettings>();
                return new TableReleaseStore(StorageClients.Tables(settings), settings.TaskHub);
            });
        }

        services.AddSoaklinePipeline();
        services.AddStandaloneDurableEngine(options =>
        {
            options.TaskHubName = taskHub ?? options.TaskHubName;
            options.ConnectionString = connectionString;
            options.StorageAccountName = accountName;
            options.WorkItemVisibilityTimeout = workItemVisibility ?? options.WorkItemVisibilityTimeout;

            // The activity visibility bounds how long a dead process's activity waits; the control queue's should not be longer.
            options.ControlQueueVisibilityTimeout = workItemVisibility ?? options.ControlQueueVisibilityTimeout;
            options.WorkerId = workerId ?? options.WorkerId;
        });
        services.AddDurableTaskWorker(worker => worker.AddTasks(registry => registry.AddPipelineTasks()).UseStandaloneEngine());
        services.AddDurableTaskClient(client => client.UseStandaloneEngine());

        // A graceful stop hands the partitions over (the provider drains each one, up to a minute); the default 30 s
        // host timeout could cut that short and leave messages hidden for their visibility timeout.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(1));

        // The provider logs every queue message at Information: LogDefaults keeps "DurableTask" at Warning unless the
        // settings name that category, so an operator can still turn it on.
        return services;
    }

    private static string? Setting(IConfiguration configuration, string name) =>
        configuration[SettingNames.ToConfigurationKey(name)] is { Length: > 0 } value ? value : null;
}
