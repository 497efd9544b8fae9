using Azure.Identity;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Durable;
using Soakline.Durable.AzureStorage;
using Soakline.Functions.Adapters;
using Soakline.Functions.Configuration;
using Soakline.Functions.CustomHandler;
using Soakline.Functions.Storage;
using Soakline.Pipeline;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Engine;

/// <summary>
/// The durable engine running the pipeline's orchestrators and activities, with the release store (on Azure Tables
/// when storage is configured, the pipeline's in-memory store otherwise). The
/// backend follows the storage settings: Azure Storage when <c>Soakline__Storage__ConnectionString</c> (Azurite) or
/// <c>Soakline__Storage__AccountName</c> (managed identity) is set, in memory otherwise. Standalone, the backend's own
/// pollers drive the work; under Azure Functions the queue triggers do, through <see cref="ITaskHubMessageHandler"/>.
/// </summary>
public static class EngineRegistration
{
    public static IServiceCollection AddSoaklineEngine(this IServiceCollection services, IConfiguration configuration, AdapterProblems problems)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(problems);
        var connectionString = Setting(configuration, SettingNames.StorageConnectionString);
        var accountName = Setting(configuration, SettingNames.StorageAccountName);
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
        services.AddDurableTaskWorker(worker => worker.AddTasks(registry => registry.AddPipelineTasks()));
        if (connectionString is null && accountName is null)
        {
            UseInMemory(services);
            return services;
        }

        try
        {
            void Configure(AzureStorageOptions options)
            {
                options.TaskHubName = Setting(configuration, SettingNames.TaskHub) ?? options.TaskHubName;
                if (connectionString is not null)
                {
                    options.ConnectionString = connectionString;
                }
                else
                {
                    options.StorageAccountName = accountName;
                    options.Credential = new DefaultAzureCredential();
                }

                // Under Azure Functions the host's queue triggers deliver the messages; polling as well would race them.
                options.UsePollers = Setting(configuration, SettingNames.CustomHandlerPort) is null;
                options.WorkItemVisibilityTimeout = workItemVisibility ?? options.WorkItemVisibilityTimeout;
            }

            // UseAzureStorage checks the options before it registers anything, so a bad setting leaves the builders untouched.
            services.AddDurableTaskWorker(worker => worker.UseAzureStorage(Configure));
            services.AddDurableTaskClient(client => client.UseAzureStorage(Configure));
            services.AddSingleton<ITaskHubMessageHandler>(sp => new AzureQueueMessages(sp.GetRequiredService<AzureStorageMessageHandler>()));
        }
        catch (ArgumentException ex)
        {
            // Reported at start with the other settings; the in-memory backend keeps the container buildable until then.
            problems.Add($"Soakline__Storage: {ex.Message}");
            UseInMemory(services);
        }

        return services;
    }

    private static void UseInMemory(IServiceCollection services)
    {
        services.AddDurableTaskWorker(worker => worker.UseInMemory());
        services.AddDurableTaskClient(client => client.UseInMemory());
    }

    private static string? Setting(IConfiguration configuration, string name) =>
        configuration[SettingNames.ToConfigurationKey(name)] is { Length: > 0 } value ? value : null;
}
