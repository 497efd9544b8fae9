using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Adapters;
using Soakline.Functions.Api;
using Soakline.Functions.Approvals;
using Soakline.Functions.Configuration;
using Soakline.Functions.CustomHandler;
using Soakline.Functions.Engine;
using Soakline.Functions.Releases;
using Soakline.Functions.Scheduling;
using Soakline.Functions.Storage;
using Soakline.Functions.Webhooks;
using Soakline.Integrations.Approvals;
using Soakline.Pipeline;

namespace Soakline.Functions.Hosting;

/// <summary>The app's services. Settings are read and validated once, when first needed (at start-up, see Program).</summary>
public static class SoaklineServices
{
    public static IServiceCollection AddSoakline(this IServiceCollection services, IConfiguration configuration)
    {
        // The adapters read optional settings only: to them an unresolved Key Vault reference is an absent setting
        // (AppSettingsReader warns about each one by name).
        var problems = services.AddSoaklineAdapters(ResolvedConfiguration.Of(configuration));
        services.AddSoaklineEngine(configuration, problems);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AppSettingsReader.Read(sp.GetRequiredService<IConfiguration>()));

        // First hosted service: a bad configuration stops the start before anything listens or polls.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SettingsValidation>());
        services.AddSingleton(_ => FunctionManifest.Load());
        services.AddSingleton(sp => new MonitorSchedules(sp.GetRequiredService<FunctionManifest>(), SettingResolver(sp)));

        AddLedgers(services);
        services.TryAddSingleton<IReleaseStarter, DurableReleaseStarter>();
        services.TryAddSingleton<IPipelineSignals, DurablePipelineSignals>();
        services.TryAddSingleton<IRollbackStarter, DurableRollbackStarter>();
        services.TryAddSingleton<IPipelineTimeline, ReleaseStoreTimeline>();
        services.TryAddSingleton<IDoraReport, ReleaseStoreDoraReport>();
        services.TryAddSingleton<IMonitorSweepStarter, DurableMonitorSweepStarter>();
        AddApprovalLinks(services);
        services.AddSingleton<GitHubEventRouter>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<TimerInvocationHandler>();
        services.AddSingleton<StandaloneMonitorScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<StandaloneMonitorScheduler>());
        return services;
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
        return name => name == SettingNames.MonitorSchedule ? settings.MonitorSchedule : configuration[SettingNames.ToConfigurationKey(name)];
    }

    /// <summary>
    /// Reads and validates the settings at start-up; logs the warnings (names only) and throws
    /// <see cref="AppSettingsException"/> naming each bad setting.
    /// </summary>
    private sealed class SettingsValidation(IServiceProvider services, ILogger<SettingsValidation> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            IReadOnlyList<string> adapterProblems = [.. services.GetRequiredService<AdapterProblems>().All, .. EngineSettingsCheck.Problems(services)];
            try
            {
                LogWarnings(services.GetRequiredService<AppSettings>().Warnings);
            }
            catch (AppSettingsException ex)
            {
                LogWarnings(ex.Warnings);
                throw new AppSettingsException([.. ex.Problems, .. adapterProblems]);
            }

            return adapterProblems.Count > 0 ? throw new AppSettingsException(adapterProblems) : Task.CompletedTask;
        }

        private void LogWarnings(IReadOnlyList<string> warnings)
        {
            foreach (var warning in warnings)
            {
                logger.LogWarning("Settings: {Warning}", warning);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Runs the monitor scheduler standalone only: under Azure Functions the host's timer triggers fire the sweeps.</summary>
    internal sealed class StandaloneMonitorScheduler(IServiceProvider services, AppSettings settings) : IHostedService
    {
        private MonitorScheduler? _scheduler;

        /// <summary>The running scheduler; null under Azure Functions.</summary>
        public MonitorScheduler? Scheduler => _scheduler;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (settings.Mode != HostingMode.Standalone)
            {
                return Task.CompletedTask;
            }

            _scheduler = ActivatorUtilities.CreateInstance<MonitorScheduler>(services);
            return _scheduler.StartAsync(cancellationToken);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_scheduler is not null)
            {
                await _scheduler.StopAsync(cancellationToken);
                _scheduler.Dispose();
            }
        }
    }
}
