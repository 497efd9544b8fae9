using System.Globalization;
using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Repairs an instance state whose instances-table row has no runtime status. The Azure Storage provider writes an
/// episode's history before its instances row; a process killed between the two writes of an instance's first episode
/// leaves no row, and the next episode's row update (a merge of custom status and time, which assumes the row exists)
/// then creates one without <c>RuntimeStatus</c>. The provider reports that row's status as -1, which the SDK has no
/// name for: the instance could then be neither read nor sent an event (an approval) although its history is whole.
/// Found by the chaos proof (bench/Soakline.Chaos); related upstream: Azure/durabletask#1252.
/// </summary>
internal static class HistoryStatusReader
{
    // The history JSON writes DTFx's EventType as a number.
    private const int ExecutionStarted = (int)EventType.ExecutionStarted;
    private const int ExecutionCompleted = (int)EventType.ExecutionCompleted;
    private const int ExecutionTerminated = (int)EventType.ExecutionTerminated;

    public static bool IsUnreadable(OrchestrationState state) => !Enum.IsDefined(state.OrchestrationStatus);

    /// <summary>
    /// Fills status (from the execution's ExecutionCompleted or ExecutionTerminated event, else Running once started,
    /// else Pending), name, input and creation time (from ExecutionStarted) into the state, from the execution's history JSON.
    /// </summary>
    public static void Repair(OrchestrationState state, string? historyJson)
    {
        ArgumentNullException.ThrowIfNull(state);
        var status = OrchestrationStatus.Pending;
        if (!string.IsNullOrEmpty(historyJson))
        {
            using var history = JsonDocument.Parse(historyJson);
            if (history.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var historyEvent in history.RootElement.EnumerateArray())
                {
                    switch (Number(historyEvent, "EventType"))
                    {
                        case ExecutionStarted:
                            status = status == OrchestrationStatus.Pending ? OrchestrationStatus.Running : status;
                            state.Name ??= Text(historyEvent, "Name");
                            state.Input ??= Text(historyEvent, "Input");
                            if (state.CreatedTime == default && Text(historyEvent, "Timestamp") is { } created
                                && DateTime.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                            {
                                state.CreatedTime = at;
                            }

                            break;
                        case ExecutionCompleted when Number(historyEvent, "OrchestrationStatus") is { } final && Enum.IsDefined((OrchestrationStatus)final):
                            status = (OrchestrationStatus)final;
                            state.Output ??= Text(historyEvent, "Result");
                            break;
                        case ExecutionTerminated:
                            status = OrchestrationStatus.Terminated;
                            break;
                    }
                }
            }
        }

        state.OrchestrationStatus = status;
    }

    private static int? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
