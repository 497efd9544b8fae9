using System.Collections.Concurrent;
using Soakline.Durable.Testing.Serialization;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Orchestration;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Tests.Orchestration;

/// <summary>
/// The health checks the orchestrator makes name the release each host should serve (the durable truth a sampling
/// probe tags its samples with), and an analysis probes before it reads metrics so its own probes count.
/// </summary>
public sealed class AnalysisProbeTests : IAsyncLifetime
{
    private static readonly ReleaseId Stable = PipelineHarness.Stable;
    private PipelineHarness _h = null!;

    public async Task InitializeAsync() => _h = await PipelineHarness.StartWithStableProductionAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Every_health_check_of_a_canary_names_the_canary_release()
    {
        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        var canary = _h.Deploy.Deploys.First().Release;
        var requests = _h.Health.Requests.Where(r => TestSpecs.ProductionHosts.Contains(r.Url.Host)).ToList();
        Assert.Contains(requests, r => r.Attempts == 1); // analysis probes
        Assert.Contains(requests, r => r.Attempts > 1); // deploy health checks
        Assert.All(requests, r => Assert.Equal(canary, r.Release));
    }

    [Fact]
    public async Task The_health_check_after_a_rollback_names_the_release_rolled_back_to()
    {
        _h.Metrics.Canary = query => query == "error-rate" ? 9.0 : 0.2;

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.RolledBack, outcome.Status);
        var canary = Assert.Single(_h.Deploy.Deploys).Release;
        var prod1 = _h.Health.Requests.Where(r => r.Url.Host == "prod-1").ToList();
        Assert.Equal(Stable, prod1[^1].Release);
        Assert.Contains(prod1[..^1], r => r.Attempts == 1);
        Assert.All(prod1[..^1], r => Assert.Equal(canary, r.Release));
    }

    [Fact]
    public async Task An_analysis_reads_its_metrics_only_after_its_own_probes_have_answered()
    {
        // Fake time stands still within an analysis: its probes answer at the time its metric window ends.
        var seen = new ConcurrentQueue<(DateTimeOffset WindowEnd, int ProbesAnswered)>();
        _h.Metrics.OnQuery = query => seen.Enqueue((query.WindowEnd, AnalysisProbesAnsweredAt(query.WindowEnd)));

        var (_, outcome) = await _h.ApprovedReleaseAsync();

        Assert.Equal(ReleaseStatus.Released, outcome.Status);
        Assert.NotEmpty(seen);
        Assert.All(seen, s =>
        {
            Assert.True(s.ProbesAnswered > 0, $"the analysis ending {s.WindowEnd:O} read its metrics before any of its probes answered");
            Assert.Equal(AnalysisProbesAnsweredAt(s.WindowEnd), s.ProbesAnswered);
        });
    }

    [Fact]
    public void The_expected_release_travels_through_durable_json_and_old_history_without_it_still_reads()
    {
        var canary = PipelineHarness.Release(2, hour: 10);
        var request = new HealthCheckRequest(new Uri("http://prod-1/health"), Attempts: 1, Release: canary);

        var json = DurablePayloads.Converter.Serialize(request)!;
        var old = DurablePayloads.Converter.Deserialize<HealthCheckRequest>("""{"url":"http://prod-1/health","attempts":1,"delay":null,"timeout":null}""")!;

        Assert.Contains($"\"release\":\"{canary.Value}\"", json, StringComparison.Ordinal);
        Assert.Equal(request, DurablePayloads.Converter.Deserialize<HealthCheckRequest>(json));
        Assert.Null(old.Release);
        Assert.Equal(new Uri("http://prod-1/health"), old.Url);
    }

    /// <summary>Analysis probes (one attempt) of production hosts that had answered by now at fake time <paramref name="at"/>.</summary>
    private int AnalysisProbesAnsweredAt(DateTimeOffset at) =>
        _h.Health.Completed.Count(c => c.At == at && c.Request.Attempts == 1 && TestSpecs.ProductionHosts.Contains(c.Request.Url.Host));
}
