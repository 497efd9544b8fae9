using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Checks <see cref="StandaloneEngineOptions"/> before anything touches storage and reports every problem at once,
/// each starting with the setting's name, so one failed start shows the whole list instead of one error per attempt.
/// </summary>
internal sealed partial class StandaloneEngineOptionsValidator : IValidateOptions<StandaloneEngineOptions>
{
    /// <summary>Azure Queues hide a message for at most 7 days.</summary>
    private static readonly TimeSpan QueueVisibilityCap = TimeSpan.FromDays(7);

    /// <summary>
    /// The provider checks every 5 s whether a work item's lock needs renewing; a shorter visibility would lapse
    /// between two checks and hand a running episode or activity to another process.
    /// </summary>
    private static readonly TimeSpan MinVisibility = TimeSpan.FromSeconds(15);

    /// <summary>The provider never polls faster than every 50 ms.</summary>
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(50);

    public ValidateOptionsResult Validate(string? name, StandaloneEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="options"/>, in the order of the settings; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(StandaloneEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Add(string setting, string problem) => problems.Add($"{setting}: {problem}");

        if (string.IsNullOrWhiteSpace(options.TaskHubName) || !TaskHubNamePattern().IsMatch(options.TaskHubName))
        {
            Add(nameof(options.TaskHubName), $"must be 3 to 45 letters or digits starting with a letter (was '{options.TaskHubName}').");
        }

        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasAccount = !string.IsNullOrWhiteSpace(options.StorageAccountName);
        if (hasConnectionString == hasAccount)
        {
            Add(
                $"{nameof(options.ConnectionString)}/{nameof(options.StorageAccountName)}",
                hasAccount
                    ? "set one of them, not both."
                    : "set a storage connection string (Azurite, account keys) or a storage account name (managed identity).");
        }

        if (hasAccount && !StorageAccountNamePattern().IsMatch(options.StorageAccountName!))
        {
            Add(nameof(options.StorageAccountName), $"must be 3 to 24 lowercase letters or digits (was '{options.StorageAccountName}').");
        }

        if (options.Credential is not null && !hasAccount)
        {
            Add(nameof(options.Credential), $"is only used with {nameof(options.StorageAccountName)}; a connection string carries its own key.");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            Add(nameof(options.PartitionCount), $"must be 1 to 16, the provider's limit (was {options.PartitionCount}).");
        }

        if (options.ControlQueueBufferThreshold is < 1 or > 1000)
        {
            Add(nameof(options.ControlQueueBufferThreshold), $"must be 1 to 1000 (was {options.ControlQueueBufferThreshold}).");
        }

        if (options.MaxQueuePollingInterval < MinPollingInterval || options.MaxQueuePollingInterval > TimeSpan.FromMinutes(5))
        {
            Add(nameof(options.MaxQueuePollingInterval), $"must be 50 ms to 5 minutes (was {options.MaxQueuePollingInterval}).");
        }

        if (options.MaxConcurrentActivities < 1)
        {
            Add(nameof(options.MaxConcurrentActivities), $"must be at least 1 (was {options.MaxConcurrentActivities}).");
        }

        if (options.MaxConcurrentOrchestrations < 1)
        {
            Add(nameof(options.MaxConcurrentOrchestrations), $"must be at least 1 (was {options.MaxConcurrentOrchestrations}).");
        }

        CheckVisibility(nameof(options.ControlQueueVisibilityTimeout), options.ControlQueueVisibilityTimeout, Add);
        CheckVisibility(nameof(options.WorkItemVisibilityTimeout), options.WorkItemVisibilityTimeout, Add);

        if (options.LeaseAcquireInterval <= TimeSpan.Zero)
        {
            Add(nameof(options.LeaseAcquireInterval), $"must be positive (was {options.LeaseAcquireInterval}).");
        }
        else if (options.LeaseInterval < 2 * options.LeaseAcquireInterval)
        {
            // Leases are renewed once per acquire interval; a lease shorter than two of them can lapse between renewals
            // and let a second process take a partition its owner is still working on.
            Add(nameof(options.LeaseInterval), $"must be at least twice {nameof(options.LeaseAcquireInterval)} ({options.LeaseAcquireInterval}) (was {options.LeaseInterval}).");
        }

        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            Add(nameof(options.WorkerId), "must not be empty; it identifies this process in the partition table.");
        }

        if (options.ClientPollingMaxInterval <= TimeSpan.Zero || options.ClientPollingMaxInterval > TimeSpan.FromMinutes(1))
        {
            Add(nameof(options.ClientPollingMaxInterval), $"must be positive and at most a minute (was {options.ClientPollingMaxInterval}).");
        }

        return problems;
    }

    private static void CheckVisibility(string setting, TimeSpan value, Action<string, string> add)
    {
        if (value < MinVisibility || value > QueueVisibilityCap)
        {
            add(setting, $"must be 15 s to 7 days (was {value}).");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskHubNamePattern();

    [GeneratedRegex("^[a-z0-9]{3,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex StorageAccountNamePattern();
}
