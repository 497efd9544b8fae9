using System.Globalization;
using System.Text.Json;

namespace Soakline.Integrations.Metrics.Prometheus;

/// <summary>
/// Reads an instant query's answer: <c>{"status":"success","data":{"resultType":"vector"|"scalar","result":...}}</c>.
/// An empty vector and NaN (0/0: no requests) are no data; more than one series is refused, because picking one
/// would judge an arbitrary subset.
/// </summary>
internal static class PrometheusResponseReader
{
    public static PrometheusValue Read(string body) =>
        WithResult(body, (type, result) => type switch
        {
            "scalar" => FromSample(result),
            "vector" => FromVector(result),
            var other => throw new MetricsQueryException($"Prometheus answered with a {other} result; an instant query must yield a vector or a scalar."),
        });

    /// <summary>
    /// A range query's answer (<c>"resultType":"matrix"</c>, each series with <c>"values":[[t,"v"],...]</c>) as the
    /// values of its single series in time order; NaN steps (nothing to divide) are left out, no series is no samples.
    /// </summary>
    public static IReadOnlyList<double> ReadRange(string body) =>
        WithResult(body, (type, result) =>
        {
            if (type != "matrix" || result.ValueKind != JsonValueKind.Array)
            {
                throw new MetricsQueryException($"Prometheus answered a range query with a {type} result; expected a matrix.");
            }

            var count = result.GetArrayLength();
            if (count == 0)
            {
                return (IReadOnlyList<double>)[];
            }

            if (count > 1)
            {
                throw new MetricsQueryException($"The PromQL returned {count} series over the window; aggregate it to one so the judge compares one population.");
            }

            if (!result[0].TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                throw new MetricsQueryException("Prometheus answered with a range series without values.");
            }

            return [.. values.EnumerateArray().Select(FromSample).Where(v => v.Value is not null).Select(v => v.Value!.Value)];
        });

    private static T WithResult<T>(string body, Func<string?, JsonElement, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new MetricsQueryException("Prometheus answered with a body that is not valid JSON.", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            if (status != "success")
            {
                throw new MetricsQueryException($"Prometheus refused the query: {DescribeError(root)}");
            }

            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var type) || !data.TryGetProperty("result", out var result))
            {
                throw new MetricsQueryException("Prometheus answered without data.resultType and data.result.");
            }

            return read(type.GetString(), result);
        }
    }

    public static string DescribeError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return DescribeError(document.RootElement);
        }
        catch (JsonException)
        {
            return "an error body that is not JSON";
        }
    }

    private static string DescribeError(JsonElement root)
    {
        var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
        var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
        return $"{type ?? "error"}: {error ?? "no message"}";
    }

    private static PrometheusValue FromVector(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new MetricsQueryException("Prometheus answered with a vector that is not an array.");
        }

        var count = result.GetArrayLength();
        return count switch
        {
            0 => new PrometheusValue(null, 0, "empty vector: no series matched"),
            1 => FromSample(result[0].TryGetProperty("value", out var v) ? v : throw new MetricsQueryException("Prometheus answered with a series without a value.")),
            _ => throw new MetricsQueryException($"The PromQL returned {count} series; aggregate it to one (sum, avg, max, histogram_quantile over sum by (le)) so the metric has a single value."),
        };
    }

    /// <summary>A sample is <c>[unixSeconds, "value"]</c>, the value a string so that NaN and ±Inf survive JSON.</summary>
    private static PrometheusValue FromSample(JsonElement sample)
    {
        if (sample.ValueKind != JsonValueKind.Array || sample.GetArrayLength() != 2 || sample[1].ValueKind != JsonValueKind.String)
        {
            throw new MetricsQueryException("Prometheus answered with a sample that is not [time, \"value\"].");
        }

        var text = sample[1].GetString();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new MetricsQueryException($"Prometheus answered with a sample value '{text}' that is not a number.");
        }

        return double.IsNaN(value)
            ? new PrometheusValue(null, 1, "NaN: the expression had nothing to divide (no requests in the window)")
            : new PrometheusValue(value, 1, null);
    }
}

internal sealed record PrometheusValue(double? Value, int Series, string? Detail);
