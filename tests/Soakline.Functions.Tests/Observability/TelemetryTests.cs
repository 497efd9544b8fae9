using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.CustomHandler;
using Soakline.Functions.Observability;
using Soakline.Functions.Tests.CustomHandler;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Observability;

/// <summary>The app emits spans for HTTP and engine messages, and its counters, under the names exporters subscribe to.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Name, long Value, string Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SoaklineTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SoaklineTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public async Task Http_requests_and_engine_messages_are_traced_and_counted()
    {
        var queues = new RecordingTaskHubHandler();
        await using var app = new SoaklineAppFactory().AsCustomHandler().WithServices(s => s.AddSingleton<ITaskHubMessageHandler>(queues));
        var http = app.CreateClient();

        await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(sha: new string('d', 40))));
        await http.SendAsync(HostInvocations.Queue("ControlQueue", "{}", 1, "m-telemetry"));

        Assert.Contains(_activities, a => a.Source.Name == "Microsoft.AspNetCore" && a.GetTagItem("github.event") as string == "push");
        var engine = Assert.Single(_activities, a => a.Source.Name == SoaklineTelemetry.Name && a.GetTagItem("messaging.message.id") as string == "m-telemetry");
        Assert.Equal("engine control message", engine.DisplayName);
        Assert.Contains(_measurements, m => m.Name == "soakline.webhooks.received" && m.Tags.Contains("outcome=started", StringComparison.Ordinal));
        Assert.Contains(_measurements, m => m.Name == "soakline.pipelines.started");
        Assert.Contains(_measurements, m => m.Name == "soakline.engine.messages" && m.Tags.Contains("queue=control", StringComparison.Ordinal) && m.Tags.Contains("outcome=done", StringComparison.Ordinal));
    }
}
