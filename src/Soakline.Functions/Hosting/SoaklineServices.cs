using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Adapters;
using Soakline.Functions.Api;
using Soakline.Functions.Approvals;
using Soakline.Functions.Configuration;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Engine;
using Soakline.Functions.Functions;
using Soakline.Functions.Releases;
using Soakline.Functions.Scheduling;
using Soakline.Functions.Storage;
using Soakline.Integrations.Storage;
using Soakline.Functions.Watchdog;
using Soakline.Functions.Webhooks;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Hosting;

/// <summary>
/// The app's services, the same in both modes except for who runs the durable work: standalone, the in-process engine
/// (a singleton <see cref="DurableTaskClient"/>) and the monitor scheduler; under Azure Functions, the host (a client per
/// invocation, <see cref="DurableClientScope"/>) and the timer functions. Whatever uses the client is scoped, so it
/// works with either. Settings are options (<see cref="SettingsRegistration"/>), validated together at start-up (see
/// Program) into one <see cref="AppSettings"/>.
/// </summary>
internal static class SoaklineServices
{
    public static IServiceCollection AddSoakline(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        // The adapters read optional settings only: to them an unresolved Key Vault reference is an absent setting
        // (AppSettingsReader warns about each one by name).
        var problems = services.AddSoaklineAdapters(ResolvedConfiguration.Of(configuration));
        if (mode == HostingMode.Standalone)
        {
            // Registered before the engine so the SDK options of its worker and client take this converter.
            services.TryAddSingleton<DataConverter>(PayloadJson.DataConverter);
            services.AddSoaklineEngine(configuration, problems);
            services.AddSingleton<MonitorScheduler>();
            services.AddHostedService(sp => sp.GetRequiredService<MonitorScheduler>());

            // The webhook answers an accepted push once it is recorded; the pump starts its pipeline (standalone only:
            // under Functions the durable client exists only inside an invocation).
            // The quiet period runs on real time whatever the app's clock (see WebhookAnswersInFlight).
            services.AddSingleton(new WebhookAnswersInFlight(TimeProvider.System));
            services.AddHostedService<ReleaseStartPump>();
            services.AddSingleton(sp => sp.GetServices<IHostedService>().OfType<ReleaseStartPump>().Single());
            services.AddSingleton<WatchdogScheduler>();
            services.AddHostedService(sp => sp.GetRequiredService<WatchdogScheduler>());
        }
        else
        {
            AddFunctionsWorker(services, configuration);
        }

        services.TryAddSingleton(TimeProvider.System);
        // Options validated on start; consumers take the one validated AppSettings built from them.
        services.AddSoaklineSettings();
        services.AddSingleton(sp => AppSettingsReader.Read(sp));
        services.TryAddSingleton<IProtectionPolicySource>(sp => new SettingsProtectionPolicySource(sp.GetRequiredService<AppSettings>()));

        // First hosted service: a bad configuration stops the start before anything listens or polls.
        services.TryAddSingleton<StartupSettingsCheck>();
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SettingsValidation>());
        services.AddSingleton(sp => new MonitorSchedules(MonitorTimers.All, SettingResolver(sp)));
        services.AddSingleton(sp => new WatchdogSchedule(SettingResolver(sp)));
        services.TryAddScoped<StuckPipelineWatchdog>();

        AddLedgers(services);
        services.TryAddScoped<IReleaseStarter, DurableReleaseStarter>();
        services.TryAddScoped<IPipelineSignals, DurablePipelineSignals>();
        services.TryAddScoped<IRollbackStarter, DurableRollbackStarter>();
        services.TryAddSingleton<IPipelineTimeline, ReleaseStoreTimeline>();
        services.TryAddSingleton<IDoraReport, ReleaseStoreDoraReport>();
        services.TryAddScoped<IMonitorSweepStarter, DurableMonitorSweepStarter>();
        AddApprovalLinks(services);
        services.AddScoped<GitHubEventRouter>();
        services.AddSingleton<ApiKeyFilter>();
        AddProblemDetails(services);
        services.AddSingleton<DashboardSession>();
        services.TryAddSingleton<DecisionDeskOptions>();
        services.TryAddScoped<DecisionDesk>();
        return services;
    }

    /// <summary>
    /// Errors answer RFC 9457 problem details in both modes. Binding failures throw (instead of an empty 400) so
    /// <see cref="ProblemExceptionHandler"/> can name the parameter; the pipelines add UseExceptionHandler.
    /// </summary>
    private static void AddProblemDetails(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }

    /// <summary>
    /// Azure mode: the host runs the orchestrations and hands each invocation its client. Payload JSON goes through
    /// <c>WorkerOptions.Serializer</c> only (see <see cref="PayloadJson"/>). The pipeline's ports are the same as
    /// standalone; the release store follows the storage settings as it does there.
    /// </summary>
    private static void AddFunctionsWorker(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkerOptions>(options => options.Serializer = PayloadJson.ObjectSerializer);
        services.AddScoped<DurableClientScope>();
        services.AddScoped<DurableTaskClient>(sp => sp.GetRequiredService<DurableClientScope>().Client);
        services.AddSingleton<EndpointDispatcher>();
        if (configuration[SettingNames.ToConfigurationKey(SettingNames.StorageConnectionString)] is { Length: > 0 }
            || configuration[SettingNames.ToConfigurationKey(SettingNames.StorageAccountName)] is { Length: > 0 })
        {
            services.TryAddSingleton<IReleaseStore>(sp =>
            {
                var settings = sp.GetRequiredService<AppSettings>();
                return new TableReleaseStore(StorageClients.Tables(settings), settings.TaskHub);
            });
        }

        services.AddSoaklinePipeline();
    }

    /// <summary>
    /// "Used before?" ledgers for webhook deliveries and approval nonces: a table shared by all instances when storage is
    /// configured, process memory otherwise (one standalone process).
    /// </summary>
    private static void AddLedgers(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new LedgerTable(StorageClients.Tables(sp.GetRequiredService<AppSettings>()), sp.GetRequiredService<AppSettings>().TaskHub));
        services.TryAddSingleton<IDeliveryLedger>(sp => StorageClients.IsConfigured(sp.GetRequiredService<AppSettings>())
            ? new TableDeliveryLedger(sp.GetRequiredService<LedgerTable>(), sp.GetRequiredService<TimeProvider>())
            : new InMemoryDeliveryLedger(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<INonceLedger>(sp => StorageClients.IsConfigured(sp.GetRequiredService<AppSettings>())
            ? new TableNonceLedger(sp.GetRequiredService<LedgerTable>())
            : new InMemoryNonceLedger(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IStuckPipelineRecords>(sp => StorageClients.IsConfigured(sp.GetRequiredService<AppSettings>())
            ? new TableStuckPipelineRecords(sp.GetRequiredService<LedgerTable>())
            : new InMemoryStuckPipelineRecords());
    }

    /// <summary>
    /// The signed approval links from Soakline.Integrations, built from the validated signing key when first needed
    /// (the same parts <c>AddSoaklineApprovalTokens</c> registers, which wants the key before settings are read).
    /// </summary>
    private static void AddApprovalLinks(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ApprovalTokenSigner(new ApprovalTokenSettings { SigningKey = sp.GetRequiredService<AppSettings>().ApprovalSigningKey }));
        services.TryAddSingleton(sp => new ApprovalTokenRedeemer(sp.GetRequiredService<ApprovalTokenSigner>(), sp.GetRequiredService<INonceLedger>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IApprovalLinks, SignedApprovalLinks>();
    }

    /// <summary>Resolves <c>%name%</c> like the Functions host: the app setting, with the app's defaults for unset ones.</summary>
    private static Func<string, string?> SettingResolver(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var settings = services.GetRequiredService<AppSettings>();
        return name => name == SettingNames.MonitorSchedule ? settings.MonitorSchedule
            : WatchdogTimer.IsScheduleSetting(name) ? settings.Watchdog.Schedule
            : configuration[SettingNames.ToConfigurationKey(name)];
    }

    /// <summary>Runs <see cref="StartupSettingsCheck"/> as the host starts (unless the entry point already ran it).</summary>
    private sealed class SettingsValidation(StartupSettingsCheck check) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            check.Run();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
