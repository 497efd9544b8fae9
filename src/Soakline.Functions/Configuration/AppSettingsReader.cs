using System.Globalization;
using Microsoft.Extensions.Configuration;
using Soakline.Pipeline.Spec;
using Soakline.Pipeline.Domain;

namespace Soakline.Functions.Configuration;

/// <summary>
/// Reads and validates every setting at start-up, collecting all problems so one restart fixes them all. Messages name
/// the setting and say what is wrong, never what the value of a secret was.
/// </summary>
public static class AppSettingsReader
{
    private const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";
    private const int MinimumSecretLength = 16;

    public static AppSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        string? Get(string name) => Value(configuration, name, problems);

        var port = ReadPort(Get(SettingNames.CustomHandlerPort), problems);
        var mode = port is null ? HostingMode.Standalone : HostingMode.CustomHandler;

        var taskHub = Get(SettingNames.TaskHub);
        ValidateTaskHub(taskHub, mode, problems);

        var apiKey = Get(SettingNames.ApiKey);
        if (mode == HostingMode.Standalone)
        {
            RequireSecret(SettingNames.ApiKey, apiKey, "the API key clients send as X-Api-Key or Authorization: Bearer", problems);
        }
        else if (apiKey is not null)
        {
            RequireSecret(SettingNames.ApiKey, apiKey, "the API key", problems);
        }

        var webhookSecret = Get(SettingNames.WebhookSecret);
        RequireSecret(SettingNames.WebhookSecret, webhookSecret, "the secret of the GitHub webhook or GitHub App", problems);

        var maxBody = ReadLong(Get(SettingNames.WebhookMaxBodyBytes), SettingNames.WebhookMaxBodyBytes, AppSettings.DefaultWebhookMaxBodyBytes, 1024, 100L * 1024 * 1024, problems);

        var signingKey = Get(SettingNames.ApprovalSigningKey);
        ValidateSigningKey(signingKey, problems);

        var approvers = (Get(SettingNames.ApprovalAllowedApprovers) ?? string.Empty)
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var connectionString = Get(SettingNames.StorageConnectionString);
        var accountName = Get(SettingNames.StorageAccountName);
        if (connectionString is not null && accountName is not null)
        {
            problems.Add($"{SettingNames.StorageConnectionString} and {SettingNames.StorageAccountName} are both set: set the connection string (Azurite, keys) or the account name (managed identity), not both.");
        }

        var schedule = Get(SettingNames.MonitorSchedule) ?? AppSettings.DefaultMonitorSchedule;
        if (!MonitoringSchedule.TryParse(schedule, out _, out var scheduleError))
        {
            problems.Add($"{SettingNames.MonitorSchedule}: {scheduleError}.");
        }

        var repository = ReadRepository(Get(SettingNames.MonitorRepository), problems);
        var specPath = Get(SettingNames.MonitorSpecPath);
        if (specPath is not null && !File.Exists(specPath))
        {
            problems.Add($"{SettingNames.MonitorSpecPath}: the file '{specPath}' does not exist.");
        }

        var telemetry = ReadTelemetry(Get, problems);

        if (problems.Count > 0)
        {
            throw new AppSettingsException(problems);
        }

        return new AppSettings(
            mode,
            port,
            taskHub!,
            apiKey,
            System.Text.Encoding.UTF8.GetBytes(webhookSecret!),
            maxBody,
            signingKey!,
            approvers,
            connectionString,
            accountName,
            schedule,
            repository,
            specPath,
            telemetry);
    }

    private static string? Value(IConfiguration configuration, string name, List<string> problems)
    {
        var value = configuration[SettingNames.ToConfigurationKey(name)];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // An unresolvable Key Vault reference reaches the app as the reference text itself.
        if (value.StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{name} is an unresolved Key Vault reference: check the secret exists and the app's identity may read it (Key Vault Secrets User).");
            return null;
        }

        return value.Trim();
    }

    private static int? ReadPort(string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            problems.Add($"{SettingNames.CustomHandlerPort} must be a TCP port (1-65535), was '{value}'.");
            return null;
        }

        return port;
    }

    private static void ValidateTaskHub(string? taskHub, HostingMode mode, List<string> problems)
    {
        if (taskHub is null)
        {
            problems.Add($"{SettingNames.TaskHub} is missing: the task hub name (letters and digits, 3-45, starting with a letter), e.g. 'soakline'.");
            return;
        }

        if (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add($"{SettingNames.TaskHub} '{taskHub}' is not a task hub name: letters and digits only, 3-45 characters, starting with a letter.");
            return;
        }

        // The queue triggers name their queues "%Soakline:TaskHub%-control" and "-work"; queue names are lower case.
        if (mode == HostingMode.CustomHandler && taskHub.Any(char.IsUpper))
        {
            problems.Add($"{SettingNames.TaskHub} '{taskHub}' must be lower case under Azure Functions: the queue triggers use it verbatim in queue names.");
        }
    }

    private static void RequireSecret(string name, string? value, string purpose, List<string> problems)
    {
        if (value is null)
        {
            problems.Add($"{name} is missing: {purpose}.");
        }
        else if (value.Length < MinimumSecretLength)
        {
            problems.Add($"{name} is too short: at least {MinimumSecretLength} characters (e.g. `openssl rand -hex 32`).");
        }
    }

    private static void ValidateSigningKey(string? value, List<string> problems)
    {
        const int MinimumKeyBytes = 32;
        if (value is null)
        {
            problems.Add($"{SettingNames.ApprovalSigningKey} is missing: a base64 key of at least {MinimumKeyBytes} bytes that signs approval links (`openssl rand -base64 48`).");
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
}
