using System.Globalization;
using Microsoft.Extensions.Configuration;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Configuration;

/// <summary>
/// Reads and validates every setting at start-up, collecting all problems so one restart fixes them all. Messages name
/// the setting and say what is wrong, never what the value of a secret was.
/// </summary>
/// <remarks>
/// A Key Vault reference the platform could not resolve reaches the app as the reference text. For a required setting
/// that is a problem that says so; for an optional one the setting counts as absent and the settings carry a warning
/// naming it, so a secret that is not there yet (or not readable yet) does not stop the start.
/// </remarks>
public static class AppSettingsReader
{
    private const int MinimumSecretLength = 16;

    public static AppSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new SettingLookup(configuration);
        var problems = settings.Problems;
        var get = settings.Get;

        var mode = get(SettingNames.FunctionsHostEndpoint) is null ? HostingMode.Standalone : HostingMode.FunctionsWorker;

        var taskHub = get(SettingNames.TaskHub);
        ValidateTaskHub(taskHub, settings);

        var apiKeysValue = get(SettingNames.ApiKeys);
        if (mode == HostingMode.Standalone && apiKeysValue is null)
        {
            settings.Missing(SettingNames.ApiKeys, "the named API keys, name=key; name2=key2 (a name is who the key's holder is, e.g. lead@example.com or ci-bot; keys of at least 16 characters)");
        }

        var apiKeys = Authentication.ApiKeySet.Parse(apiKeysValue, SettingNames.ApiKeys, problems);
        if (get("Soakline__ApiKey") is not null)
        {
            // The single unnamed key is gone: a key without a name cannot say who decided.
            problems.Add($"Soakline__ApiKey is no longer read: move the key into {SettingNames.ApiKeys} under the name of whoever holds it (name=key) and remove Soakline__ApiKey.");
        }

        var appServiceAuthentication = mode == HostingMode.FunctionsWorker
            && string.Equals(get(SettingNames.AppServiceAuthEnabled), "true", StringComparison.OrdinalIgnoreCase);

        var webhookSecret = get(SettingNames.WebhookSecret);
        RequireSecret(SettingNames.WebhookSecret, webhookSecret, "the secret of the GitHub webhook or GitHub App", settings);

        var maxBody = ReadLong(get(SettingNames.WebhookMaxBodyBytes), SettingNames.WebhookMaxBodyBytes, AppSettings.DefaultWebhookMaxBodyBytes, 1024, 100L * 1024 * 1024, problems);

        var signingKey = get(SettingNames.ApprovalSigningKey);
        ValidateSigningKey(signingKey, settings);

        var connectionString = get(SettingNames.StorageConnectionString);
        var accountName = get(SettingNames.StorageAccountName);
        if (connectionString is not null && accountName is not null)
        {
            problems.Add($"{SettingNames.StorageConnectionString} and {SettingNames.StorageAccountName} are both set: set the connection string (Azurite, keys) or the account name (managed identity), not both.");
        }

        var schedule = get(SettingNames.MonitorSchedule) ?? AppSettings.DefaultMonitorSchedule;
        if (!MonitoringSchedule.TryParse(schedule, out _, out var scheduleError))
        {
            problems.Add($"{SettingNames.MonitorSchedule}: {scheduleError}.");
        }

        var repository = ReadRepository(get(SettingNames.MonitorRepository), problems);
        var specPath = get(SettingNames.MonitorSpecPath);
        if (specPath is not null && !File.Exists(specPath))
        {
            problems.Add($"{SettingNames.MonitorSpecPath}: the file '{specPath}' does not exist.");
        }

        var watchdog = WatchdogSettingsReader.Read(get, problems);
        var telemetry = ReadTelemetry(get, problems);
        var policy = ProtectionPolicyReader.Read(configuration, get, problems);
        var warnings = settings.Warnings();

        if (problems.Count > 0)
        {
            throw new AppSettingsException(problems) { Warnings = warnings };
        }

        return new AppSettings(
            mode,
            taskHub!,
            apiKeys,
            System.Text.Encoding.UTF8.GetBytes(webhookSecret!),
            maxBody,
            signingKey!,
            connectionString,
            accountName,
            schedule,
            repository,
            specPath,
            telemetry,
            policy)
        {
            Warnings = warnings,
            AppServiceAuthentication = appServiceAuthentication,
            Watchdog = watchdog,
        };
    }

    private static void ValidateTaskHub(string? taskHub, SettingLookup settings)
    {
        var problems = settings.Problems;
        if (taskHub is null)
        {
            settings.Missing(SettingNames.TaskHub, "the task hub name (letters and digits, 3-45, starting with a letter), e.g. 'soakline'");
            return;
        }

        if (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"{SettingNames.TaskHub} '{taskHub}' is not a task hub name: letters and digits only, 3-45 characters, starting with a letter.");
        }
    }

    private static void RequireSecret(string name, string? value, string purpose, SettingLookup settings)
    {
        if (value is null)
        {
            settings.Missing(name, purpose);
        }
        else if (value.Length < MinimumSecretLength)
        {
            settings.Problems.Add($"{name} is too short: at least {MinimumSecretLength} characters (e.g. `openssl rand -hex 32`).");
        }
    }

    private static void ValidateSigningKey(string? value, SettingLookup settings)
    {
        const int MinimumKeyBytes = 32;
        var problems = settings.Problems;
        if (value is null)
        {
            settings.Missing(SettingNames.ApprovalSigningKey, $"a base64 key of at least {MinimumKeyBytes} bytes that signs approval links (`openssl rand -base64 48`)");
            return;
        }

        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var length))
        {
            problems.Add($"{SettingNames.ApprovalSigningKey} is not valid base64.");
        }
        else if (length < MinimumKeyBytes)
        {
            problems.Add($"{SettingNames.ApprovalSigningKey} decodes to {length} bytes; at least {MinimumKeyBytes} are required.");
        }
    }

    private static long ReadLong(string? value, string name, long fallback, long min, long max, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            problems.Add($"{name} must be a whole number of bytes from {min} to {max}, was '{value}'.");
            return fallback;
        }

        return parsed;
    }

    private static RepositoryRef? ReadRepository(string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return RepositoryRef.Parse(value);
        }
        catch (FormatException ex)
        {
            problems.Add($"{SettingNames.MonitorRepository}: {ex.Message}");
            return null;
        }
    }

    private static TelemetrySettings ReadTelemetry(Func<string, string?> get, List<string> problems)
    {
        var appInsights = get(SettingNames.ApplicationInsights);
        if (appInsights is not null && !appInsights.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{SettingNames.ApplicationInsights} is not an Application Insights connection string (no InstrumentationKey=...).");
            appInsights = null;
        }

        Uri? otlp = null;
        var otlpValue = get(SettingNames.OtlpEndpoint);
        if (otlpValue is not null && (!Uri.TryCreate(otlpValue, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
        {
            problems.Add($"{SettingNames.OtlpEndpoint} must be an absolute http(s) URL, was '{otlpValue}'.");
            otlp = null;
        }

        var consoleValue = get(SettingNames.ConsoleTelemetry);
        var console = false;
        if (consoleValue is not null && !bool.TryParse(consoleValue, out console))
        {
            problems.Add($"{SettingNames.ConsoleTelemetry} must be true or false, was '{consoleValue}'.");
        }

        return new TelemetrySettings(appInsights, otlp, console);
    }

    /// <summary>
    /// The settings as read, with unresolved Key Vault references taken out: a required one is reported through
    /// <see cref="Missing"/> as a reference that did not resolve, every other one becomes a warning.
    /// </summary>
    private sealed class SettingLookup(IConfiguration configuration)
    {
        private const string WhatToCheck = "check that the secret exists in the vault and that the app's identity may read it (Key Vault Secrets User)";

        private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _unresolved = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _reportedAsProblems = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Problems { get; } = [];

        public string? Get(string name)
        {
            _read.Add(name);
            var value = configuration[SettingNames.ToConfigurationKey(name)];
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (KeyVaultReference.IsUnresolved(value))
            {
                _unresolved.Add(name);
                return null;
            }

            return value.Trim();
        }

        /// <summary>A required setting has no value: it is missing, or it is a Key Vault reference that did not resolve.</summary>
        public void Missing(string name, string whatItIs)
        {
            if (_unresolved.Contains(name))
            {
                _reportedAsProblems.Add(name);
                Problems.Add($"{name}: the Key Vault reference did not resolve and the setting is required ({whatItIs}); {WhatToCheck}.");
            }
            else
            {
                Problems.Add($"{name} is missing: {whatItIs}.");
            }
        }

        /// <summary>
        /// Every other unresolved Key Vault reference, by name: the optional settings read here, and those the adapters
        /// and the spec's secrets read (they see them as absent, through <see cref="ResolvedConfiguration"/>).
        /// </summary>
        public List<string> Warnings()
        {
            var elsewhere = configuration.AsEnumerable()
                .Where(pair => KeyVaultReference.IsUnresolved(pair.Value))
                .Select(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal))
                .Where(name => !_read.Contains(name));
            return _unresolved.Where(name => !_reportedAsProblems.Contains(name))
                .Concat(elsewhere)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal)
                .Select(name => $"{name}: the Key Vault reference did not resolve, so the setting counts as absent; {WhatToCheck}.")
                .ToList();
        }
    }
}
