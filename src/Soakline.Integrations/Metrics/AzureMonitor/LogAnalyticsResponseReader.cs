using System.Text.Json;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>
/// Reads the query API's JSON: <c>{"tables":[{"name","columns":[{"name","type"}],"rows":[[...]]}]}</c> on success,
/// <c>{"error":{"code","message","innererror"}}</c> on failure; a 200 that also carries an error is a partial result
/// and is refused, because a partial error-rate would understate the failures.
/// </summary>
internal static class LogAnalyticsResponseReader
{
    public static LogAnalyticsTable ReadPrimaryTable(BinaryData body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            throw new MetricsQueryException($"Log Analytics returned a partial result with an error: {Describe(error)}");
        }

        if (!root.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Array || tables.GetArrayLength() == 0)
        {
            throw new MetricsQueryException("Log Analytics answered without a 'tables' array.");
        }

        var table = tables[0];
        if (!table.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
            || !table.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            throw new MetricsQueryException("Log Analytics answered with a table that lacks 'columns' or 'rows'.");
        }

        var names = columns.EnumerateArray().Select(c => c.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "").ToList();
        var cells = new List<IReadOnlyList<JsonElement>>();
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != names.Count)
            {
                throw new MetricsQueryException($"Log Analytics answered with a row that does not have {names.Count} cells.");
            }

            cells.Add(row.EnumerateArray().Select(c => c.Clone()).ToList());
        }

        return new LogAnalyticsTable(names, cells);
    }

    /// <summary>The service's own error code and message, for a failed status; falls back to the status alone.</summary>
    public static string DescribeError(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return "no error details";
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? Describe(error)
                : "no error details";
        }
        catch (JsonException)
        {
            return "an error body that is not JSON";
        }
    }

    private static JsonDocument Parse(BinaryData body)
    {
        try
        {
            return JsonDocument.Parse(body.ToMemory());
        }
        catch (JsonException ex)
        {
            throw new MetricsQueryException("Log Analytics answered with a body that is not valid JSON.", ex);
        }
    }

    private static string Describe(JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
        var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
        var inner = error.TryGetProperty("innererror", out var i) && i.ValueKind == JsonValueKind.Object && i.TryGetProperty("message", out var im)
            ? $" ({im.GetString()})"
            : "";
        return $"{code ?? "Error"}: {message ?? "no message"}{inner}";
    }
}
