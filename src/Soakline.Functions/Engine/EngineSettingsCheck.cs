using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Soakline.Functions.Configuration;
using Soakline.Functions.Engine.Standalone;

namespace Soakline.Functions.Engine;

/// <summary>
/// The engine's settings problems, for the start-up list of every bad setting. Building the engine's client reads and
/// validates the standalone engine's options; an engine swapped in on the SDK's builders (the tests' in-memory host)
/// has no such options and so no problems. Each problem names the operator's setting, not the option.
/// </summary>
internal static class EngineSettingsCheck
{
    private static readonly Dictionary<string, string> SettingOfOption = new(StringComparer.Ordinal)
    {
        [$"{nameof(StandaloneEngineOptions.ConnectionString)}/{nameof(StandaloneEngineOptions.StorageAccountName)}"] =
            $"{SettingNames.StorageConnectionString} / {SettingNames.StorageAccountName}",
        [nameof(StandaloneEngineOptions.StorageAccountName)] = SettingNames.StorageAccountName,
        [nameof(StandaloneEngineOptions.WorkItemVisibilityTimeout)] = SettingNames.StorageWorkItemVisibilityTimeout,
        [nameof(StandaloneEngineOptions.ControlQueueVisibilityTimeout)] = SettingNames.StorageWorkItemVisibilityTimeout,
        [nameof(StandaloneEngineOptions.WorkerId)] = SettingNames.EngineWorkerId,
    };

    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            _ = services.GetRequiredService<DurableTaskClient>();
            return [];
        }
        catch (OptionsValidationException ex) when (ex.OptionsType == typeof(StandaloneEngineOptions))
        {
            return [.. ex.Failures.Select(ToSettingProblem).OfType<string>().Distinct(StringComparer.Ordinal)];
        }
    }

    /// <returns>The problem under the setting's name; null for the hub name, which the app's settings check reports.</returns>
    private static string? ToSettingProblem(string failure)
    {
        var colon = failure.IndexOf(':', StringComparison.Ordinal);
        var option = colon < 0 ? string.Empty : failure[..colon];
        if (option == nameof(StandaloneEngineOptions.TaskHubName))
        {
            return null;
        }

        return SettingOfOption.TryGetValue(option, out var setting)
            ? $"{setting}:{failure[(colon + 1)..]}"
            : $"Standalone engine {failure}";
    }
}
