using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Soakline.Functions.Observability;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Tests.Observability;

/// <summary>The app emits spans for HTTP, deploys and rollbacks, and its counters, under the names exporters subscribe to.</summary>
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
    public async Task Http_requests_are_traced_and_counted()
    {
        await using var app = new SoaklineAppFactory();
        var http = app.CreateClient();

        await http.SendAsync(GitHubDeliveries.Request("push", GitHubDeliveries.Push(sha: new string('d', 40))));
        await app.PushesStartedAsync();

        // The listener is process-wide and other tests run in parallel: look for a matching span, not the only one.
        Assert.Contains(_activities, a => a.Source.Name == "Microsoft.AspNetCore" && a.GetTagItem("github.event") as string == "push"
            && a.DisplayName == "POST /api/github/webhook" && Equals(a.GetTagItem("http.response.status_code"), 202));
        Assert.Contains(_measurements, m => m.Name == "soakline.webhooks.received" && m.Tags.Contains("outcome=accepted", StringComparison.Ordinal));
        Assert.Contains(_measurements, m => m.Name == "soakline.pipelines.started");
    }

    [Fact]
    public async Task Deploys_and_rollbacks_are_spans_with_their_outcome()
    {
        var target = new TracingDeployTarget(new OneHostFails());
        var component = new ComponentTarget("api-telemetry", "/srv/api", [], null, null, new Dictionary<string, string>());
        var release = ReleaseId.Create(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), "0123456789abcdef0123456789abcdef01234567");
        var commit = new CommitRef(new RepositoryRef("acme", "shop"), "0123456789abcdef0123456789abcdef01234567", "main");

        await target.DeployAsync(new DeployRequest(component, ["web-1", "web-2"], release, commit, "/tmp/a.tgz"), CancellationToken.None);
        await target.RollbackAsync(new RollbackRequest(component, ["web-1"], null, "breach"), CancellationToken.None);

        var deploy = Assert.Single(_activities, a => a.DisplayName == "deploy api-telemetry");
        Assert.Equal((ActivityStatusCode.Error, "web-1,web-2", release.Value), (deploy.Status, deploy.GetTagItem("soakline.hosts"), deploy.GetTagItem("soakline.release")));
        var rollback = Assert.Single(_activities, a => a.DisplayName == "rollback api-telemetry");
        Assert.Equal(ActivityStatusCode.Unset, rollback.Status);
        Assert.Contains(_measurements, m => m.Name == "soakline.deploys" && m.Tags.Contains("component=api-telemetry", StringComparison.Ordinal) && m.Tags.Contains("outcome=failed", StringComparison.Ordinal));
        Assert.Contains(_measurements, m => m.Name == "soakline.deploys" && m.Tags.Contains("operation=rollback", StringComparison.Ordinal) && m.Tags.Contains("outcome=succeeded", StringComparison.Ordinal));
    }

    /// <summary>A deploy target whose deploys fail on the second host and whose rollbacks succeed.</summary>
    private sealed class OneHostFails : IDeployTarget
    {
        public Task<DeployResult> DeployAsync(DeployRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new DeployResult(request.Target.Component, request.Hosts.Select((h, i) => new HostDeployResult(h, i == 0, request.Release, null, TimeSpan.FromSeconds(1), i == 0 ? null : "switch failed")).ToList()));

        public Task<DeployResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new DeployResult(request.Target.Component, request.Hosts.Select(h => new HostDeployResult(h, true, null, null, TimeSpan.FromSeconds(1))).ToList()));

        public Task<IReadOnlyList<HostReleases>> GetReleasesAsync(ComponentTarget target, IReadOnlyList<string> hosts, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<HostReleases>>([]);
    }
}
