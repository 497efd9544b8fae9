using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Soakline.Functions.Tests.Infrastructure;

/// <summary>
/// What the app's OpenTelemetry pipeline exports, rendered as text when exported: every span (names, tags, status,
/// events, links, baggage), every metric point with its tags, and every log record with its attributes and scopes.
/// Added to the app's own tracer, meter and logger providers, next to the exporters its settings chose.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<string> _spans = new();
    private readonly ConcurrentQueue<string> _metrics = new();
    private readonly ConcurrentQueue<string> _logs = new();

    public string Spans => string.Join('\n', _spans);

    public string Metrics => string.Join('\n', _metrics);

    public string Logs => string.Join('\n', _logs);

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new TextExporter<Activity>(_spans, Describe))));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(new BaseExportingMetricReader(new TextExporter<Metric>(_metrics, Describe))));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new TextExporter<LogRecord>(_logs, Describe))));

        // SoaklineAppFactory replaces the app's logger providers with its LogCapture; put OpenTelemetry's back.
        services.AddLogging(logging => logging.AddOpenTelemetry());
    }

    /// <summary>Exports what is still buffered (metrics are collected only now).</summary>
    public static void Flush(IServiceProvider services)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
        services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    private static string Describe(Activity activity)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"span {activity.Source.Name} '{activity.DisplayName}' ({activity.OperationName}) {activity.Status} {activity.StatusDescription}");
        foreach (var tag in activity.TagObjects)
        {
            text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
        }

        foreach (var e in activity.Events)
        {
            text.Append(CultureInfo.InvariantCulture, $" event {e.Name}:").AppendJoin(',', e.Tags.Select(t => $"{t.Key}={t.Value}"));
        }

        foreach (var link in activity.Links)
        {
            text.Append(" link:").AppendJoin(',', (link.Tags ?? []).Select(t => $"{t.Key}={t.Value}"));
        }

        return text.Append(" baggage:").AppendJoin(',', activity.Baggage.Select(b => $"{b.Key}={b.Value}")).ToString();
    }

    private static string Describe(Metric metric)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"metric {metric.MeterName} {metric.Name}");
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            text.Append(" point:");
            foreach (var tag in point.Tags)
            {
                text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
            }
        }

        return text.ToString();
    }

    private static string Describe(LogRecord record)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"log {record.LogLevel} {record.CategoryName}: {record.FormattedMessage} body={record.Body}");
        foreach (var attribute in record.Attributes ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" {attribute.Key}={attribute.Value}");
        }

        record.ForEachScope(
            (scope, builder) =>
            {
                builder.Append(" scope:");
                foreach (var item in scope)
                {
                    builder.Append(CultureInfo.InvariantCulture, $" {item.Key}={item.Value}");
                }
            },
            text);
        return text.Append(' ').Append(record.Exception).ToString();
    }

    /// <summary>Renders each exported item to text at once: the SDK reuses log records and metric points afterwards.</summary>
    private sealed class TextExporter<T>(ConcurrentQueue<string> into, Func<T, string> describe) : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch)
        {
            foreach (var item in batch)
            {
                into.Enqueue(describe(item));
            }

            return ExportResult.Success;
        }
    }
}
