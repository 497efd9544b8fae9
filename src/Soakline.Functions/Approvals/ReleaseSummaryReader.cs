using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace Soakline.Functions.Approvals;

/// <summary>
/// Builds the confirmation page's summary from the waiting instance: its input (the pipeline run: commit, author,
/// message, release, environment) and its custom status (stage). Missing fields are left out, never guessed.
/// </summary>
internal static class ReleaseSummaryReader
{
    public static ReleaseSummaryView Read(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var input = Parse(instance.SerializedInput);
        var status = Parse(instance.SerializedCustomStatus);
        var commit = Text(input, "commit", "sha") ?? Text(input, "sha");
        var repository = Text(input, "commit", "repository", "owner") is { } owner && Text(input, "commit", "repository", "name") is { } name ? $"{owner}/{name}" : null;
        return new ReleaseSummaryView(
            instance.InstanceId,
            Text(status, "environment") ?? Text(input, "environment"),
            Text(status, "release") ?? Text(input, "release"),
            repository is null ? commit : $"{repository}@{commit}",
            Text(input, "author"),
            Text(input, "message"),
            Text(status, "stage"));
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? root, params string[] path)
    {
        if (root is not { } current)
        {
            return null;
        }

        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !TryGet(current, name, out current))
            {
                return null;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => current.GetString(),
            JsonValueKind.Number => current.GetRawText(),
            _ => null,
        };
    }

    // Payloads are web-default JSON (camelCase); accept PascalCase too.
    private static bool TryGet(JsonElement element, string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) || element.TryGetProperty(char.ToUpperInvariant(name[0]) + name[1..], out value);
}
