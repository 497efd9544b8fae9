using System.Text.Json;
using Microsoft.DurableTask;

namespace Soakline.Functions.Engine.Standalone;

/// <summary>
/// Recovers a failed instance's <see cref="TaskFailureDetails"/>. The Azure Storage provider does not keep them in its
/// instances table: the instance's output holds only "ErrorType: ErrorMessage", while the full details (stack trace,
/// inner failures such as the activity exception behind a TaskFailedException) live on the execution's
/// ExecutionCompleted history event.
/// </summary>
internal static class FailureDetailsReader
{
    /// <summary>DTFx's <c>EventType.ExecutionCompleted</c>, as its history JSON writes it (enums as numbers).</summary>
    private const int ExecutionCompleted = 1;

    /// <summary>The failure on the last ExecutionCompleted event of an execution's history (the provider's JSON), if any.</summary>
    public static TaskFailureDetails? FromHistory(string? historyJson)
    {
        if (string.IsNullOrEmpty(historyJson))
        {
            return null;
        }

        using var history = JsonDocument.Parse(historyJson);
        if (history.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        TaskFailureDetails? failure = null;
        foreach (var historyEvent in history.RootElement.EnumerateArray())
        {
            if (historyEvent.TryGetProperty("EventType", out var type)
                && type.ValueKind == JsonValueKind.Number
                && type.GetInt32() == ExecutionCompleted
                && historyEvent.TryGetProperty("FailureDetails", out var details)
                && details.ValueKind == JsonValueKind.Object)
            {
                failure = Read(details);
            }
        }

        return failure;
    }

    /// <summary>The type and message the provider writes as a failed instance's output ("ErrorType: ErrorMessage").</summary>
    public static TaskFailureDetails? FromFailedOutput(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return null;
        }

        var separator = output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0
            ? new TaskFailureDetails(output[..separator], output[(separator + 2)..], null, null, null)
            : new TaskFailureDetails(string.Empty, output, null, null, null);
    }

    private static TaskFailureDetails Read(JsonElement details) =>
        new(
            Text(details, "ErrorType") ?? string.Empty,
            Text(details, "ErrorMessage") ?? string.Empty,
            Text(details, "StackTrace"),
            details.TryGetProperty("InnerFailure", out var inner) && inner.ValueKind == JsonValueKind.Object ? Read(inner) : null,
            null);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
