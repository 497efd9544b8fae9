using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Soakline.Durable.AzureStorage;
using Soakline.Durable.AzureStorage.Runtime;
using Soakline.Durable.Runtime;

namespace Soakline.Durable;

/// <summary>
/// Selects the Azure Storage backend: <c>b.UseAzureStorage(o =&gt; o.ConnectionString = ...)</c> on the worker and
/// the client builder. One backend per container; the worker and client share it. Options are checked here, so a bad
/// setting fails at startup naming the field.
/// </summary>
public static class AzureStorageBackendExtensions
{
    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddBackend(builder.Services, Build(configure));

        // A host that receives the queue messages itself runs them through the worker's own step processor and
        // activity executor (the worker holds the SDK's task factory).
        builder.Services.TryAddSingleton(static sp =>
        {
            var worker = sp.GetServices<IHostedService>().OfType<BackendDurableTaskWorker>().Single();
            return new AzureStorageMessageHandler(sp.GetRequiredService<AzureStorageTaskHub>(), worker.Steps, worker.Activities);
        });

        // This backend's own concurrency, which its pollers and leases were tuned for.
        builder.Configure(options =>
        {
            options.Concurrency.MaximumConcurrentOrchestrationWorkItems = 4;
            options.Concurrency.MaximumConcurrentActivityWorkItems = 16;
        });
        return builder.UseOrchestrationBackend();
    }

    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, string connectionString, string taskHubName) =>
        builder.UseAzureStorage(o => (o.ConnectionString, o.TaskHubName) = (connectionString, taskHubName));

    public static IDurableTaskWorkerBuilder UseAzureStorage(this IDurableTaskWorkerBuilder builder, string storageAccountName, TokenCredential credential, string taskHubName) =>
        builder.UseAzureStorage(o => (o.StorageAccountName, o.Credential, o.TaskHubName) = (storageAccountName, credential, taskHubName));

    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddBackend(builder.Services, Build(configure));
        return builder.UseOrchestrationBackend();
    }

    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, string connectionString, string taskHubName) =>
        builder.UseAzureStorage(o => (o.ConnectionString, o.TaskHubName) = (connectionString, taskHubName));

    public static IDurableTaskClientBuilder UseAzureStorage(this IDurableTaskClientBuilder builder, string storageAccountName, TokenCredential credential, string taskHubName) =>
        builder.UseAzureStorage(o => (o.StorageAccountName, o.Credential, o.TaskHubName) = (storageAccountName, credential, taskHubName));

    private static AzureStorageOptions Build(Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageOptions();
        configure(options);
        options.Validate();
        return options;
    }

    private static void AddBackend(IServiceCollection services, AzureStorageOptions options)
    {
        // The worker's and the client's calls may both configure it; the first one wins, as with UseInMemory.
        services.TryAddSingleton(options);
        services.TryAddSingleton(static sp => new TaskHubClients(sp.GetRequiredService<AzureStorageOptions>()));
        services.TryAddSingleton(static sp => new AzureStorageTaskHub(
            sp.GetRequiredService<TaskHubClients>(),
            sp.GetRequiredService<AzureStorageOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton(static sp => new AzureStorageOrchestrationBackend(
            sp.GetRequiredService<AzureStorageTaskHub>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton<IOrchestrationBackend>(static sp => sp.GetRequiredService<AzureStorageOrchestrationBackend>());
    }
}
