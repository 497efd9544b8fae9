using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Soakline.Functions.Configuration;

/// <summary>
/// The app's settings as options: each group bound from the configuration under the names operators set (see
/// <see cref="SettingNames"/>), validated by its <see cref="IValidateOptions{TOptions}"/> and on start. The
/// <c>Soakline__*</c> settings bind by section; the flat names the platform and OpenTelemetry own
/// (<c>MonitorSchedule</c>, <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, ...) are copied in from the root.
/// </summary>
internal static class SettingsRegistration
{
    public static IServiceCollection AddSoaklineSettings(this IServiceCollection services)
    {
        services.AddOptions<HostingOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.FunctionsHostEndpoint = Flat(configuration, SettingNames.FunctionsHostEndpoint);
            options.AppServiceAuthEnabled = Flat(configuration, SettingNames.AppServiceAuthEnabled);
        });
        services.AddOptions<SoaklineOptions>().BindConfiguration(SoaklineOptions.Section).ValidateOnStart();
        services.AddOptions<MonitoringOptions>()
            .BindConfiguration(MonitoringOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Schedule = Flat(configuration, SettingNames.MonitorSchedule))
            .ValidateOnStart();
        services.AddOptions<WatchdogOptions>().BindConfiguration(WatchdogOptions.Section).ValidateOnStart();
        services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ApplicationInsightsConnectionString = Flat(configuration, SettingNames.ApplicationInsights);
                options.OtlpEndpoint = Flat(configuration, SettingNames.OtlpEndpoint);
            })
            .ValidateOnStart();
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).Configure<IConfiguration>(KeepUnknownEnvironmentKeys).ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SoaklineOptions>, SoaklineOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WatchdogOptions>, WatchdogOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>());
        return services;
    }

    /// <summary>
    /// A container holding only the settings over this configuration, for reading them before (or without) the app's
    /// host: the telemetry set-up, which runs before the container is built, and the deployment checks.
    /// </summary>
    public static ServiceProvider ForConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ServiceCollection().AddSingleton(configuration).AddSoaklineSettings().BuildServiceProvider();
    }

    private static string? Flat(IConfiguration configuration, string settingName) => configuration[SettingNames.ToConfigurationKey(settingName)];

    private static void KeepUnknownEnvironmentKeys(PolicyOptions options, IConfiguration configuration)
    {
        foreach (var section in configuration.GetSection(PolicySettingNames.EnvironmentsSection).GetChildren())
        {
            if (options.Environments.TryGetValue(section.Key, out var environment))
            {
                environment.UnknownKeys.AddRange(section.GetChildren()
                    .Select(child => child.Key)
                    .Where(key => !PolicySettingNames.EnvironmentKeys.Contains(key, StringComparer.OrdinalIgnoreCase)));
            }
        }
    }
}
