using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SdkExceptionPropertiesProvider = Microsoft.DurableTask.Worker.IExceptionPropertiesProvider;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Runs the registered SDK orchestrators and activities on a DTFx <see cref="TaskHubWorker"/> over the Azure Storage
/// provider, in this process, without a Functions host. Built by the SDK's worker builder
/// (<c>AddDurableTaskWorker(b =&gt; b.AddTasks(...).UseStandaloneEngine())</c>), which hands it the registry's factory.
/// Several processes on one task hub share the work: each leases some of the hub's partitions.
/// </summary>
internal sealed class StandaloneDurableTaskWorker : DurableTaskWorker
{
    private readonly TaskHubConnection _connection;
    private readonly IServiceProvider _services;
    private readonly DurableTaskWorkerOptions _workerOptions;
    private readonly RegisteredTaskNames _registered;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    public StandaloneDurableTaskWorker(
        string name,
        IDurableTaskFactory factory,
        TaskHubConnection connection,
        IServiceProvider services,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        IOptionsMonitor<DurableTaskRegistry> registries,
        ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(workerOptions);
        ArgumentNullException.ThrowIfNull(registries);
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        _workerOptions = workerOptions.Get(Name);
        _registered = RegisteredTaskNames.From(registries.Get(Name));
        _logger = loggerFactory.CreateLogger<StandaloneDurableTaskWorker>();
        ExceptionPropertiesProvider = services.GetService<SdkExceptionPropertiesProvider>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var hubWorker = CreateHubWorker();
        try
        {
            // Creates the hub's queues, tables and containers if needed, then starts leasing partitions.
            await hubWorker.StartAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The connection string is never part of the message: it carries the account key.
            throw new InvalidOperationException(
                $"The standalone durable engine could not start task hub '{_connection.TaskHubName}' as worker '{_connection.WorkerId}': {ex.Message}", ex);
        }

        _logger.LogInformation("Durable worker {WorkerId} started on task hub {TaskHub}", _connection.WorkerId, _connection.TaskHubName);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }

        // The provider first, while the dispatchers still run: it stops fetching control messages, waits until the
        // ones it already fetched are processed, and releases the partition leases, so another process takes the
        // partitions over at once. TaskHubWorker's own order (dispatchers, then provider) leaves messages fetched
        // in between unprocessed and hidden for ControlQueueVisibilityTimeout, e.g. a timer firing during shutdown.
        await _connection.Service.StopAsync(isForced: false);

        // Then the dispatchers, not forced: running episodes and activities finish. (This stops the provider again,
        // which is then a no-op.)
        await hubWorker.StopAsync(isForced: false);
        _logger.LogInformation("Durable worker {WorkerId} stopped on task hub {TaskHub}", _connection.WorkerId, _connection.TaskHubName);
    }

    private TaskHubWorker CreateHubWorker()
    {
        var shims = new DurableTaskShimFactory(_workerOptions, _loggerFactory);
        var scopes = _services.GetRequiredService<IServiceScopeFactory>();
        var orchestrations = new TaskCatalog<TaskOrchestration>(
            name => new SdkOrchestrationCreator(new TaskName(name), Factory, _services, shims, _registered));
        var activities = new TaskCatalog<TaskActivity>(
            name => new SdkActivityCreator(new TaskName(name), Factory, scopes, shims, _registered));
        foreach (var name in _registered.Orchestrators)
        {
            orchestrations.Add(new SdkOrchestrationCreator(name, Factory, _services, shims, _registered));
        }

        foreach (var name in _registered.Activities)
        {
            activities.Add(new SdkActivityCreator(name, Factory, scopes, shims, _registered));
        }

        var hubWorker = new TaskHubWorker(_connection.Service, orchestrations, activities, _loggerFactory)
        {
            // The SDK shims read failures as FailureDetails (TaskFailedException.FailureDetails, sub-orchestration
            // failures); DTFx's default mode serializes exceptions instead and leaves those details empty.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        if (ExceptionPropertiesProvider is { } properties)
        {
            hubWorker.ExceptionPropertiesProvider = new ExceptionPropertiesProviderAdapter(properties);
        }

        hubWorker.AddOrchestrationDispatcherMiddleware(ParentInstanceMiddleware.InvokeAsync);
        return hubWorker;
    }
}
