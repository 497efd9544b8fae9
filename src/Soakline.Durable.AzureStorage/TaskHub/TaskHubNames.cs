using System.Globalization;

namespace Soakline.Durable.AzureStorage;

/// <summary>
/// The storage resources of one task hub, all derived from its name. The name rules are the intersection of Azure's
/// rules for tables (letters and digits, starting with a letter), queues and containers (lower case, 3-63 characters)
/// once the suffixes below are added.
/// </summary>
public sealed record TaskHubNames(string Table, string ControlQueue, string WorkQueue, string PoisonQueue, string PayloadContainer)
{
    public const int MinLength = 3;
    public const int MaxLength = 45;

    public static TaskHubNames For(string taskHubName)
    {
        Validate(taskHubName);
        var lower = taskHubName.ToLower(CultureInfo.InvariantCulture);
        return new TaskHubNames(
            Table: taskHubName + "Instances",
            ControlQueue: lower + "-control",
            WorkQueue: lower + "-work",
            PoisonQueue: lower + "-poison",
            PayloadContainer: lower + "-payloads");
    }

    public static void Validate(string? taskHubName)
    {
        const string Field = nameof(AzureStorageOptions.TaskHubName);
        const string Param = nameof(taskHubName);
        if (string.IsNullOrEmpty(taskHubName))
        {
            throw new ArgumentException($"{Field} must not be empty.", Param);
        }

        if (taskHubName.Length is < MinLength or > MaxLength)
        {
            throw new ArgumentException($"{Field} '{taskHubName}' must be {MinLength} to {MaxLength} characters long (it names a table, queues and a blob container).", Param);
        }

        if (!char.IsAsciiLetter(taskHubName[0]))
        {
            throw new ArgumentException($"{Field} '{taskHubName}' must start with a letter (Azure table names do).", Param);
        }

        foreach (var c in taskHubName)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"{Field} '{taskHubName}' contains '{c}': only ASCII letters and digits are allowed (Azure table names allow nothing else).", Param);
            }
        }
    }
}
