using System.Globalization;
using Microsoft.Extensions.Options;
using Soakline.Functions.Authentication;

namespace Soakline.Functions.Configuration;

/// <summary>
/// The core settings: task hub, API keys (required standalone only), webhook secret and body limit, signing key and
/// storage. Every problem is one line naming its setting; a secret's value is never part of it.
/// </summary>
internal sealed class SoaklineOptionsValidator(IOptions<HostingOptions> hosting) : ProblemListValidator<SoaklineOptions>
{
    private const int MinimumSecretLength = 16;
    private const int MinimumSigningKeyBytes = 32;
    private const long MinimumWebhookBodyBytes = 1024;
    private const long MaximumWebhookBodyBytes = 100L * 1024 * 1024;

    protected override void AddProblems(SoaklineOptions options, List<string> problems)
    {
        ValidateTaskHub(options.TaskHub, problems);
        ApiKeys(options, hosting.Value.Mode, problems);
        if (SettingValue.Of(options.ApiKey) is not null)
        {
            // The single unnamed key is gone: a key without a name cannot say who decided.
            problems.Add($"Soakline__ApiKey is no longer read: move the key into {SettingNames.ApiKeys} under the name of whoever holds it (name=key) and remove Soakline__ApiKey.");
        }

        var secret = SettingValue.Required(SettingNames.WebhookSecret, options.GitHub.WebhookSecret, "the secret of the GitHub webhook or GitHub App", problems);
        if (secret is { Length: < MinimumSecretLength })
        {
            problems.Add($"{SettingNames.WebhookSecret} is too short: at least {MinimumSecretLength} characters (e.g. `openssl rand -hex 32`).");
        }

        WebhookMaxBodyBytes(options.GitHub, problems);
        ValidateSigningKey(options.Approvals.SigningKey, problems);
        if (SettingValue.Of(options.Storage.ConnectionString) is not null && SettingValue.Of(options.Storage.AccountName) is not null)
        {
            problems.Add($"{SettingNames.StorageConnectionString} and {SettingNames.StorageAccountName} are both set: set the connection string (Azurite, keys) or the account name (managed identity), not both.");
        }
    }

    /// <summary>The named API keys, adding one problem per bad entry (and one if they are required and absent).</summary>
    public static ApiKeySet ApiKeys(SoaklineOptions options, HostingMode mode, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = SettingValue.IsRequired(SettingNames.ApiKeys, mode)
            ? SettingValue.Required(SettingNames.ApiKeys, options.ApiKeys, "the named API keys, name=key; name2=key2 (a name is who the key's holder is, e.g. lead@example.com or ci-bot; keys of at least 16 characters)", problems)
            : SettingValue.Of(options.ApiKeys);
        return ApiKeySet.Parse(value, SettingNames.ApiKeys, problems);
    }

    /// <summary>The webhook body limit: the default when unset, a problem (and the default) when out of range.</summary>
    public static long WebhookMaxBodyBytes(GitHubWebhookOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        var value = SettingValue.Of(options.WebhookMaxBodyBytes);
        if (value is null)
        {
            return AppSettings.DefaultWebhookMaxBodyBytes;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < MinimumWebhookBodyBytes or > MaximumWebhookBodyBytes)
        {
            problems.Add($"{SettingNames.WebhookMaxBodyBytes} must be a whole number of bytes from {MinimumWebhookBodyBytes} to {MaximumWebhookBodyBytes}, was '{value}'.");
            return AppSettings.DefaultWebhookMaxBodyBytes;
        }

        return parsed;
    }

    private static void ValidateTaskHub(string? written, List<string> problems)
    {
        var taskHub = SettingValue.Required(SettingNames.TaskHub, written, "the task hub name (letters and digits, 3-45, starting with a letter), e.g. 'soakline'", problems);
        if (taskHub is not null && (taskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit)))
        {
            problems.Add($"{SettingNames.TaskHub} '{taskHub}' is not a task hub name: letters and digits only, 3-45 characters, starting with a letter.");
        }
    }

    private static void ValidateSigningKey(string? written, List<string> problems)
    {
        var value = SettingValue.Required(SettingNames.ApprovalSigningKey, written, $"a base64 key of at least {MinimumSigningKeyBytes} bytes that signs approval links (`openssl rand -base64 48`)", problems);
        if (value is null)
        {
            return;
        }

        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var length))
        {
            problems.Add($"{SettingNames.ApprovalSigningKey} is not valid base64.");
        }
        else if (length < MinimumSigningKeyBytes)
        {
            problems.Add($"{SettingNames.ApprovalSigningKey} decodes to {length} bytes; at least {MinimumSigningKeyBytes} are required.");
        }
    }
}
