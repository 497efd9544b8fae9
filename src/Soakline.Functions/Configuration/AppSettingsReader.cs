using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Soakline.Functions.Configuration;

/// <summary>
/// The app's validated settings from its options (<see cref="SettingsRegistration"/>). Each options type is validated on
/// its own and fails with its own <see cref="OptionsValidationException"/>; this resolves them all and turns every
/// failure into one <see cref="AppSettingsException"/>, so one restart fixes them all. Messages name the setting and
/// say what is wrong, never what the value of a secret was.
/// </summary>
/// <remarks>
/// A Key Vault reference the platform could not resolve reaches the app as the reference text. For a required setting
/// that is a problem that says so; for an optional one the setting counts as absent and the settings carry a warning
/// naming it, so a secret that is not there yet (or not readable yet) does not stop the start.
/// </remarks>
internal static class AppSettingsReader
{
    /// <summary>Reads the settings of this configuration alone (outside the app's host).</summary>
    public static AppSettings Read(IConfiguration configuration)
    {
        using var services = SettingsRegistration.ForConfiguration(configuration);
        return Read(services);
    }

    /// <summary>Reads the settings registered in this container; throws <see cref="AppSettingsException"/> listing every problem.</summary>
    public static AppSettings Read(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<string>();
        var hosting = services.GetRequiredService<IOptions<HostingOptions>>().Value;
        var core = Validated<SoaklineOptions>(services, problems);
        var monitoring = Validated<MonitoringOptions>(services, problems);
        var watchdog = Validated<WatchdogOptions>(services, problems);
        var telemetry = Validated<TelemetryOptions>(services, problems);
        var policy = Validated<PolicyOptions>(services, problems);
        var warnings = UnresolvedReferenceWarnings(services.GetRequiredService<IConfiguration>(), hosting.Mode);
        if (core is null || monitoring is null || watchdog is null || telemetry is null || policy is null)
        {
            throw new AppSettingsException(problems) { Warnings = warnings };
        }

        // Validated: reading them again cannot add a problem.
        List<string> none = [];
        return new AppSettings(
            hosting.Mode,
            SettingValue.Of(core.TaskHub)!,
            SoaklineOptionsValidator.ApiKeys(core, hosting.Mode, none),
            System.Text.Encoding.UTF8.GetBytes(SettingValue.Of(core.GitHub.WebhookSecret)!),
            SoaklineOptionsValidator.WebhookMaxBodyBytes(core.GitHub, none),
            SettingValue.Of(core.Approvals.SigningKey)!,
            SettingValue.Of(core.Storage.ConnectionString),
            SettingValue.Of(core.Storage.AccountName),
            MonitoringOptionsValidator.Schedule(monitoring),
            MonitoringOptionsValidator.Repository(monitoring, none),
            SettingValue.Of(monitoring.SpecPath),
            TelemetryOptionsValidator.Read(telemetry, none),
            PolicyOptionsValidator.Read(policy, none))
        {
            Warnings = warnings,
            AppServiceAuthentication = hosting.AppServiceAuthentication,
            Watchdog = WatchdogOptionsValidator.Read(watchdog, none),
        };
    }

    /// <summary>The validated options, or null after adding its problems.</summary>
    private static TOptions? Validated<TOptions>(IServiceProvider services, List<string> problems)
        where TOptions : class
    {
        try
        {
            return services.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
            return null;
        }
    }

    /// <summary>
    /// Every unresolved Key Vault reference in the configuration except those of required settings (those are problems,
    /// see <see cref="SettingValue.Required"/>): the optional settings read here, and those the adapters and the spec's
    /// secrets read (they see them as absent, through <see cref="ResolvedConfiguration"/>). Names only, sorted.
    /// </summary>
    private static List<string> UnresolvedReferenceWarnings(IConfiguration configuration, HostingMode mode) =>
        configuration.AsEnumerable()
            .Where(pair => KeyVaultReference.IsUnresolved(pair.Value))
            .Select(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal))
            .Where(name => !SettingValue.IsRequired(name, mode))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(SettingValue.UnresolvedWarning)
            .ToList();
}
