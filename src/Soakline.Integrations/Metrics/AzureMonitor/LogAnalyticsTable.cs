using System.Globalization;
using System.Text.Json;

namespace Soakline.Integrations.Metrics.AzureMonitor;

/// <summary>The primary result table of a Log Analytics query: column names and rows of JSON cells.</summary>
internal sealed record LogAnalyticsTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<JsonElement>> Rows)
{
    public bool IsEmpty => Rows.Count == 0;

    /// <summary>
    /// The first row's <c>value</c> column, or its first column when there is none; null when the cell is null or the
    /// table is empty. A non-numeric cell is an error: it means the query does not compute what the metric needs.
    /// </summary>
    public double? FirstValue()
    {
        if (IsEmpty)
        {
            return null;
        }

        var index = Columns.ToList().FindIndex(c => string.Equals(c, "value", StringComparison.OrdinalIgnoreCase));
        var cell = Rows[0][index >= 0 ? index : 0];
        return cell.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Number => cell.GetDouble(),
            // Log Analytics serializes NaN and infinities of a real column as strings.
            JsonValueKind.String when double.TryParse(cell.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) =>
                double.IsFinite(parsed) ? parsed : null,
            _ => throw new MetricsQueryException(
                $"The query's result column '{Columns[index >= 0 ? index : 0]}' holds {cell.ValueKind}, not a number; make the query project a numeric 'value'."),
        };
    }

    /// <summary>
    /// Every row's <c>value</c> column (the judge's samples query has one row per time bin); null and non-finite cells
    /// (a bin without requests) are left out.
    /// </summary>
    public IReadOnlyList<double> Values()
    {
        var index = Columns.ToList().FindIndex(c => string.Equals(c, "value", StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new MetricsQueryException("The samples query has no 'value' column.");
        }

        var values = new List<double>(Rows.Count);
        foreach (var cell in Rows.Select(r => r[index]))
        {
            if (cell.ValueKind == JsonValueKind.Number && double.IsFinite(cell.GetDouble()))
            {
                values.Add(cell.GetDouble());
            }
        }

        return values;
    }

    /// <summary>The first row's <c>samples</c> column when the query has one (the ready-made queries do).</summary>
    public long? Samples()
    {
        var index = Columns.ToList().FindIndex(c => string.Equals(c, "samples", StringComparison.OrdinalIgnoreCase));
        return !IsEmpty && index >= 0 && Rows[0][index].ValueKind == JsonValueKind.Number && Rows[0][index].TryGetInt64(out var n) ? n : null;
    }
}
